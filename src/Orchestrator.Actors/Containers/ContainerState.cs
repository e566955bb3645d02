using System.Collections.Immutable;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// Everything a container's journal says, rebuilt by folding its events through <see cref="Apply"/>.
/// The live actor applies each event after persisting it and recovery replays the same function,
/// so the two cannot drift apart.
/// </summary>
public sealed record ContainerState
{
    public static ContainerState Empty { get; } = new();

    public ContainerLifecycle Lifecycle { get; init; } = ContainerLifecycle.New;

    public string? SandboxId { get; init; }

    public ContainerSpec? Spec { get; init; }

    public IReadOnlyList<int> BlockIndexes { get; init; } = [];

    /// <summary>Resources in the order they were started; teardown walks it backwards.</summary>
    public ImmutableList<Resource> Resources { get; init; } = [];

    public ImmutableDictionary<int, HostMountClassified> HostMounts { get; init; } = ImmutableDictionary<int, HostMountClassified>.Empty;

    /// <summary>Why the create failed, or why teardown started.</summary>
    public string? Reason { get; init; }

    /// <summary>True from a failed create until its rollback completes.</summary>
    public bool RollingBack { get; init; }

    /// <summary>What the last teardown could not do.</summary>
    public IReadOnlyList<string> TeardownErrors { get; init; } = [];

    public Resource? Find(string key) => Resources.Find(r => r.Key == key);

    /// <summary>
    /// Create intents whose outcome was never journaled: recovery resolves them against the kernel
    /// first. Undo intents need no resolving: every undo step is idempotent and simply runs again.
    /// </summary>
    public IEnumerable<Resource> Unresolved => Resources.Where(r => r.Status == ResourceStatus.Intended);

    /// <summary>What teardown must look at, last created first.</summary>
    public IEnumerable<Resource> ToUndo => Resources.Reverse().Where(r => r.NeedsUndo);

    public ContainerState Apply(IContainerEvent e) => e switch
    {
        ContainerCreateRequested c => this with
        {
            Lifecycle = ContainerLifecycle.Creating,
            SandboxId = c.SandboxId,
            Spec = c.Spec,
            BlockIndexes = [.. c.BlockIndexes],
            Reason = null,
        },
        HostMountClassified h => this with { HostMounts = HostMounts.SetItem(h.Index, h) },
        ResourceStarted s => this with
        {
            Resources = Resources.RemoveAll(r => r.Key == s.Key).Add(new Resource(
                s.Key, s.Kind, s.Role, s.Target, s.Source, s.ReadOnly, ResourceStatus.Intended, null, s.ContainerPath, s.BlockIndex)),
        },
        ResourceCreated c => Update(c.Key, r => r with { Status = ResourceStatus.Active, Device = c.Device ?? r.Device }),
        ResourceFailed f => Update(f.Key, r => r with { Status = ResourceStatus.Failed }),
        ResourceReconciled r => Update(r.Key, x => x with
        {
            // The kernel is the truth: present means "in place", absent means the call never took
            // effect (a mount point it may have created is still removed by teardown).
            Status = r.Exists ? ResourceStatus.Active : ResourceStatus.Failed,
            Device = r.Device ?? x.Device,
        }),
        ContainerCreated => this with { Lifecycle = ContainerLifecycle.Running },
        ContainerCreateFailed f => this with { Reason = f.Reason, RollingBack = true },
        TeardownStarted t => this with
        {
            Lifecycle = ContainerLifecycle.TearingDown,
            Reason = RollingBack ? Reason : t.Reason,
            TeardownErrors = [],
        },
        UndoStarted u => Update(u.Key, r => r with { Status = ResourceStatus.Undoing }),
        ResourceUndone u => Update(u.Key, r => r with { Status = ResourceStatus.Undone }),
        UndoFailed f => Update(f.Key, r => r with { Status = ResourceStatus.Active }) with { TeardownErrors = [.. TeardownErrors, $"{f.Key}: {f.Error.Message}"] },
        UndoRefused f => Update(f.Key, r => r with { Status = ResourceStatus.Refused }) with { TeardownErrors = [.. TeardownErrors, $"{f.Key}: {f.Reason}"] },
        TeardownCompleted t => this with
        {
            // A rollback of a create ends Failed (kept for the record); any other teardown ends Destroyed.
            Lifecycle = RollingBack ? ContainerLifecycle.Failed : ContainerLifecycle.Destroyed,
            RollingBack = false,
            TeardownErrors = [.. t.Errors],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a container event"),
    };

    private ContainerState Update(string key, Func<Resource, Resource> change)
    {
        var index = Resources.FindIndex(r => r.Key == key);
        if (index < 0)
        {
            throw new InvalidOperationException($"event for unknown resource '{key}'");
        }

        return this with { Resources = Resources.SetItem(index, change(Resources[index])) };
    }
}
