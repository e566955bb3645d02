namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// What a sandbox remembers of one of its containers: enough to respawn its actor.
/// <see cref="JournalId"/> is the persistence id journaled with it; entries journaled before it
/// was recorded derive theirs the old way.
/// </summary>
public sealed record ContainerEntry(string ContainerId, long Incarnation, IReadOnlyList<int> BlockIndexes, string? JournalId = null)
{
    public string PersistenceId(string sandboxId) => JournalId ?? $"container-{sandboxId}-{ContainerId}-{Incarnation}";

    /// <summary>
    /// A persistence id unique across sandbox incarnations; '/' cannot appear in an id, so the
    /// parts cannot run into each other.
    /// </summary>
    public static string PersistenceIdFor(string sandboxId, long sandboxIncarnation, string containerId, long incarnation) =>
        $"container/{sandboxId}/{sandboxIncarnation}/{containerId}/{incarnation}";
}
