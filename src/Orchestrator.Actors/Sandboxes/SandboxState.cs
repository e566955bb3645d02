using System.Collections.Immutable;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>Everything a sandbox supervisor's journal says, folded through one <see cref="Apply"/>.</summary>
public sealed record SandboxState
{
    public static SandboxState Empty { get; } = new();

    public SandboxLifecycle Lifecycle { get; init; } = SandboxLifecycle.New;

    public string? SandboxId { get; init; }

    public SharedFs SharedFs { get; init; }

    public BlockDriver BlockDriver { get; init; }

    public ResourceLedger Ledger { get; init; } = ResourceLedger.Empty;

    public ImmutableSortedDictionary<string, ContainerEntry> Containers { get; init; } = ImmutableSortedDictionary<string, ContainerEntry>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The next free block device index; indexes are never reused within a sandbox.</summary>
    public int NextBlockIndex { get; init; }

    public string? Reason { get; init; }

    public bool RollingBack { get; init; }

    public IReadOnlyList<string> TeardownErrors { get; init; } = [];

    /// <summary>Histories of removed containers not yet handed over to the manager for deletion.</summary>
    public ImmutableSortedSet<string> Retiring { get; init; } = ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    public SandboxState Apply(ISandboxEvent e) => e switch
    {
        IResourceEvent r => this with { Ledger = Ledger.Apply(r) },
        SandboxCreateRequested c => this with { Lifecycle = SandboxLifecycle.Creating, SandboxId = c.SandboxId, SharedFs = c.SharedFs, BlockDriver = c.BlockDriver },
        SandboxReady => this with { Lifecycle = SandboxLifecycle.Ready },
        SandboxCreateFailed f => this with { Reason = f.Reason, RollingBack = true },
        ContainerAdded a => Add(new ContainerEntry(a.ContainerId, a.Incarnation, a.BlockIndexes)),
        ContainerAddedV2 a => Add(new ContainerEntry(a.ContainerId, a.Incarnation, a.BlockIndexes, a.PersistenceId)),
        ContainerRemoved r => this with
        {
            Containers = Containers.Remove(r.ContainerId),
            Retiring = Containers.TryGetValue(r.ContainerId, out var removed) && SandboxId is { } sandboxId ? Retiring.Add(removed.PersistenceId(sandboxId)) : Retiring,
        },
        ContainerHistoriesHandedOver h => this with { Retiring = Retiring.Except(h.PersistenceIds) },
        SandboxDestroyStarted d => this with
        {
            Lifecycle = SandboxLifecycle.Destroying,
            Reason = RollingBack ? Reason : d.Reason,
            TeardownErrors = [],
        },
        SandboxDestroyed d => this with
        {
            Lifecycle = RollingBack ? SandboxLifecycle.Failed : SandboxLifecycle.Destroyed,
            RollingBack = false,
            TeardownErrors = [.. d.Errors],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a sandbox event"),
    };

    private SandboxState Add(ContainerEntry entry) => this with
    {
        Containers = Containers.SetItem(entry.ContainerId, entry),
        NextBlockIndex = Math.Max(NextBlockIndex, entry.BlockIndexes.Count == 0 ? 0 : entry.BlockIndexes.Max() + 1),
    };
}
