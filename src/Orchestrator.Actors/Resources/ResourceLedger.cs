using System.Collections.Immutable;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// The resources an actor owns, in the order they were started, folded from its resource events.
/// Teardown walks it backwards; recovery reads what is unresolved.
/// </summary>
public sealed record ResourceLedger
{
    public static ResourceLedger Empty { get; } = new();

    public ImmutableList<Resource> Resources { get; init; } = [];

    public Resource? Find(string key) => Resources.Find(r => r.Key == key);

    /// <summary>
    /// Create intents whose outcome was never journaled: recovery resolves them against the kernel
    /// first. Undo intents need no resolving: every undo step is idempotent and simply runs again.
    /// </summary>
    public IEnumerable<Resource> Unresolved => Resources.Where(r => r.Status == ResourceStatus.Intended);

    /// <summary>What teardown must look at, last created first.</summary>
    public IEnumerable<Resource> ToUndo => Resources.Reverse().Where(r => r.NeedsUndo);

    public ResourceLedger Apply(IResourceEvent e) => e switch
    {
        ResourceStarted s => this with
        {
            Resources = Resources.RemoveAll(r => r.Key == s.Key).Add(new Resource(
                s.Key, s.Kind, s.Role, s.Target, s.Source, s.ReadOnly, ResourceStatus.Intended, null, s.ContainerPath, s.BlockIndex)),
        },
        ResourceCreated c => Update(c.Key, r => r with { Status = ResourceStatus.Active, Device = c.Device ?? r.Device }),
        ResourceFailed f => Update(f.Key, r => r with { Status = ResourceStatus.Failed }),
        ResourceWithdrawn w => this with { Resources = Resources.RemoveAll(r => r.Key == w.Key) },

        // The kernel is the truth: present means "in place", absent means the call never took
        // effect (a mount point it may have created is still removed by teardown).
        ResourceReconciled r => Update(r.Key, x => x with { Status = r.Exists ? ResourceStatus.Active : ResourceStatus.Failed, Device = r.Device ?? x.Device }),
        UndoStarted u => Update(u.Key, r => r with { Status = ResourceStatus.Undoing }),
        ResourceUndone u => Update(u.Key, r => r with { Status = ResourceStatus.Undone }),
        UndoFailed f => Update(f.Key, r => r with { Status = ResourceStatus.Active }),
        UndoRefused f => Update(f.Key, r => r with { Status = ResourceStatus.Refused }),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a resource event"),
    };

    private ResourceLedger Update(string key, Func<Resource, Resource> change)
    {
        var index = Resources.FindIndex(r => r.Key == key);
        if (index < 0)
        {
            throw new InvalidOperationException($"event for unknown resource '{key}'");
        }

        return this with { Resources = Resources.SetItem(index, change(Resources[index])) };
    }
}
