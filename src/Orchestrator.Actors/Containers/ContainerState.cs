using System.Collections.Immutable;
using Orchestrator.Actors.Resources;

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

    public ResourceLedger Ledger { get; init; } = ResourceLedger.Empty;

    public ImmutableDictionary<int, HostMountClassified> HostMounts { get; init; } = ImmutableDictionary<int, HostMountClassified>.Empty;

    /// <summary>Why the create failed, or why teardown started.</summary>
    public string? Reason { get; init; }

    /// <summary>True from a failed create until its rollback completes.</summary>
    public bool RollingBack { get; init; }

    /// <summary>What the last teardown could not do.</summary>
    public IReadOnlyList<string> TeardownErrors { get; init; } = [];

    public ImmutableList<Resource> Resources => Ledger.Resources;

    public Resource? Find(string key) => Ledger.Find(key);

    public IEnumerable<Resource> Unresolved => Ledger.Unresolved;

    public IEnumerable<Resource> ToUndo => Ledger.ToUndo;

    public ContainerState Apply(IContainerEvent e) => e switch
    {
        IResourceEvent r => this with { Ledger = Ledger.Apply(r) },
        ContainerCreateRequested c => this with
        {
            Lifecycle = ContainerLifecycle.Creating,
            SandboxId = c.SandboxId,
            Spec = c.Spec,
            BlockIndexes = [.. c.BlockIndexes],
            Reason = null,
        },
        HostMountClassified h => this with { HostMounts = HostMounts.SetItem(h.Index, h) },
        ContainerCreated => this with { Lifecycle = ContainerLifecycle.Running },
        ContainerCreateFailed f => this with { Reason = f.Reason, RollingBack = true },
        TeardownStarted t => this with
        {
            Lifecycle = ContainerLifecycle.TearingDown,
            Reason = RollingBack ? Reason : t.Reason,
            TeardownErrors = [],
        },
        TeardownCompleted t => this with
        {
            // A rollback of a create ends Failed (kept for the record); any other teardown ends Destroyed.
            Lifecycle = RollingBack ? ContainerLifecycle.Failed : ContainerLifecycle.Destroyed,
            RollingBack = false,
            TeardownErrors = [.. t.Errors],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a container event"),
    };
}
