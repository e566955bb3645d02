using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Reads the journal the way recovery does, without starting any actor: for operators
/// (<c>orchestrator journal show</c>, <c>journal plan</c>) and for drills that compare the journal
/// with the kernel.
/// </summary>
public static class SandboxJournalReader
{
    public static async Task<IReadOnlyList<Persistent>> ReadEventsAsync(IJournal journal, string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var events = new List<Persistent>();
        await journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, events.Add, cancellationToken).ConfigureAwait(false);
        return events;
    }

    /// <summary>Every sandbox id the manager has registered and not yet forgotten.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> RegisteredAsync(IJournal journal, CancellationToken cancellationToken = default)
    {
        var registered = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in await ReadEventsAsync(journal, SandboxManager.Name, cancellationToken).ConfigureAwait(false))
        {
            switch (e.Payload)
            {
                case SandboxRegistered r:
                    registered[r.SandboxId] = r.Incarnation;
                    break;
                case SandboxUnregistered u:
                    registered.Remove(u.SandboxId);
                    break;
            }
        }

        return registered;
    }

    /// <summary>The sandbox's latest incarnation and its containers, or null when the journal never heard of it.</summary>
    public static async Task<SandboxJournalView?> ReadAsync(IJournal journal, string sandboxId, CancellationToken cancellationToken = default)
    {
        long? incarnation = null;
        var registered = false;
        foreach (var e in await ReadEventsAsync(journal, SandboxManager.Name, cancellationToken).ConfigureAwait(false))
        {
            if (e.Payload is SandboxRegistered r && r.SandboxId == sandboxId)
            {
                (incarnation, registered) = (r.Incarnation, true);
            }
            else if (e.Payload is SandboxUnregistered u && u.SandboxId == sandboxId)
            {
                registered = false;
            }
        }

        if (incarnation is not { } inc)
        {
            return null;
        }

        var sandbox = (await ReadEventsAsync(journal, SandboxSupervisor.PersistenceIdFor(sandboxId, inc), cancellationToken).ConfigureAwait(false))
            .Select(p => (ISandboxEvent)p.Payload)
            .Aggregate(SandboxState.Empty, (s, e) => s.Apply(e));
        var containers = new SortedDictionary<string, ContainerState>(StringComparer.Ordinal);
        foreach (var entry in sandbox.Containers.Values)
        {
            containers[entry.ContainerId] = (await ReadEventsAsync(journal, entry.PersistenceId(sandboxId), cancellationToken).ConfigureAwait(false))
                .Select(p => (IContainerEvent)p.Payload)
                .Aggregate(ContainerState.Empty, (s, e) => s.Apply(e));
        }

        return new SandboxJournalView(sandboxId, inc, registered, sandbox, containers);
    }
}
