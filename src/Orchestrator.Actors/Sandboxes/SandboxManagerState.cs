using System.Collections.Immutable;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Everything the sandbox manager's journal says, folded through one <see cref="Apply"/>: which
/// sandboxes exist (with the incarnation that names each supervisor's history), and which retired
/// histories still wait to be deleted, since when.
/// </summary>
public sealed record SandboxManagerState
{
    public static SandboxManagerState Empty { get; } = new();

    public ImmutableSortedDictionary<string, long> Sandboxes { get; init; } = ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Persistence id → when it was retired.</summary>
    public ImmutableSortedDictionary<string, DateTimeOffset> Retired { get; init; } = ImmutableSortedDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);

    public SandboxManagerState Apply(ISandboxManagerEvent e) => e switch
    {
        SandboxRegistered r => this with { Sandboxes = Sandboxes.SetItem(r.SandboxId, r.Incarnation) },
        SandboxUnregistered u => this with { Sandboxes = Sandboxes.Remove(u.SandboxId) },

        // Retired twice (a hand-over repeated after a restart): the first time counts.
        HistoriesRetired r => this with { Retired = r.PersistenceIds.Aggregate(Retired, (retired, id) => retired.ContainsKey(id) ? retired : retired.Add(id, r.RetiredAt)) },
        HistoriesDeleted d => this with { Retired = Retired.RemoveRange(d.PersistenceIds) },
        ServiceRecoveryStarted or ServiceRecoveryFinished => this,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a sandbox manager event"),
    };

    public SandboxRegistrySnapshot ToSnapshot() => new(
        [.. Sandboxes.Select(s => new RegisteredSandbox(s.Key, s.Value))],
        [.. Retired.Select(r => new RetiredHistory(r.Key, r.Value))]);

    public static SandboxManagerState From(SandboxRegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new SandboxManagerState
        {
            Sandboxes = Empty.Sandboxes.SetItems(snapshot.Sandboxes.Select(s => KeyValuePair.Create(s.SandboxId, s.Incarnation))),
            Retired = Empty.Retired.SetItems(snapshot.Retired.Select(r => KeyValuePair.Create(r.PersistenceId, r.RetiredAt))),
        };
    }
}

/// <summary>
/// The sandbox manager's snapshot: its whole state as values. Taken every so many events, after
/// which the events it covers are deleted, so the registry's history stays bounded however many
/// sandboxes come and go. A changed shape is a new versioned type.
/// </summary>
[EventManifest("sandboxes.snapshot.v1")]
public sealed record SandboxRegistrySnapshot(IReadOnlyList<RegisteredSandbox> Sandboxes, IReadOnlyList<RetiredHistory> Retired);

public sealed record RegisteredSandbox(string SandboxId, long Incarnation);

public sealed record RetiredHistory(string PersistenceId, DateTimeOffset RetiredAt);
