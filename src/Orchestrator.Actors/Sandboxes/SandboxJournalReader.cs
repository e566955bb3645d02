using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Reads the journal the way recovery does, without starting any actor: for operators
/// (<c>orchestrator journal show</c>, <c>journal plan</c>) and for drills that compare the journal
/// with the kernel. The folds are recovery's own (<see cref="SandboxState.Apply"/>,
/// <see cref="ContainerState.Apply"/>) over the stored events of each persistence id.
/// </summary>
public static class SandboxJournalReader
{
    /// <summary>One persistence id's events, in order, as stored in the journal's tables.</summary>
    public static Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(JournalRows journal, string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.EventsAsync(persistenceId, cancellationToken);
    }

    /// <summary>Every sandbox id the manager has registered and not yet forgotten.</summary>
    public static Task<IReadOnlyDictionary<string, long>> RegisteredAsync(JournalRows journal, CancellationToken cancellationToken = default) =>
        RegisteredAsync(Payloads(journal), cancellationToken);

    /// <summary>The sandbox's latest incarnation and its containers, or null when the journal never heard of it.</summary>
    public static Task<SandboxJournalView?> ReadAsync(JournalRows journal, string sandboxId, CancellationToken cancellationToken = default) =>
        ReadAsync(Payloads(journal), sandboxId, cancellationToken);

    /// <summary>What recovery reads for an id: its latest snapshot (only the manager takes one), then the events after it.</summary>
    private static PayloadReader Payloads(JournalRows journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return async (id, ct) =>
        {
            var snapshot = await journal.LatestSnapshotAsync(id, ct).ConfigureAwait(false);
            var events = (await journal.EventsAsync(id, ct).ConfigureAwait(false))
                .Where(e => snapshot is null || e.SequenceNr > snapshot.SequenceNr)
                .Select(e => e.Payload);
            return snapshot is null ? events : events.Prepend(snapshot.Payload);
        };
    }

    /// <summary>The same fold over any source of payloads (tests compare readers with it).</summary>
    internal static async Task<IReadOnlyDictionary<string, long>> RegisteredAsync(PayloadReader payloads, CancellationToken cancellationToken)
    {
        var registered = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var payload in await payloads(SandboxManager.Name, cancellationToken).ConfigureAwait(false))
        {
            switch (payload)
            {
                case SandboxRegistrySnapshot snapshot:
                    registered = new SortedDictionary<string, long>(snapshot.Sandboxes.ToDictionary(x => x.SandboxId, x => x.Incarnation), StringComparer.Ordinal);
                    break;
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

    /// <inheritdoc cref="RegisteredAsync(PayloadReader, CancellationToken)"/>
    internal static async Task<SandboxJournalView?> ReadAsync(PayloadReader payloads, string sandboxId, CancellationToken cancellationToken)
    {
        long? incarnation = null;
        var registered = false;
        foreach (var payload in await payloads(SandboxManager.Name, cancellationToken).ConfigureAwait(false))
        {
            if (payload is SandboxRegistrySnapshot snapshot)
            {
                // A sandbox unregistered before the snapshot left no trace in it: its history is
                // retired and deleted, so the journal rightly knows nothing of it any more.
                var kept = snapshot.Sandboxes.FirstOrDefault(x => x.SandboxId == sandboxId);
                (incarnation, registered) = (kept?.Incarnation, kept is not null);
            }
            else if (payload is SandboxRegistered r && r.SandboxId == sandboxId)
            {
                (incarnation, registered) = (r.Incarnation, true);
            }
            else if (payload is SandboxUnregistered u && u.SandboxId == sandboxId)
            {
                registered = false;
            }
        }

        if (incarnation is not { } inc)
        {
            return null;
        }

        var sandbox = (await payloads(SandboxSupervisor.PersistenceIdFor(sandboxId, inc), cancellationToken).ConfigureAwait(false))
            .Cast<ISandboxEvent>()
            .Aggregate(SandboxState.Empty, (s, e) => s.Apply(e));
        var containers = new SortedDictionary<string, ContainerState>(StringComparer.Ordinal);
        foreach (var entry in sandbox.Containers.Values)
        {
            containers[entry.ContainerId] = (await payloads(entry.PersistenceId(sandboxId), cancellationToken).ConfigureAwait(false))
                .Cast<IContainerEvent>()
                .Aggregate(ContainerState.Empty, (s, e) => s.Apply(e));
        }

        return new SandboxJournalView(sandboxId, inc, registered, sandbox, containers);
    }

    internal delegate Task<IEnumerable<object>> PayloadReader(string persistenceId, CancellationToken cancellationToken);
}
