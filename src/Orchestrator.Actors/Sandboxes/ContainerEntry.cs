namespace Orchestrator.Actors.Sandboxes;

/// <summary>What a sandbox remembers of one of its containers: enough to respawn its actor.</summary>
public sealed record ContainerEntry(string ContainerId, long Incarnation, IReadOnlyList<int> BlockIndexes)
{
    public string PersistenceId(string sandboxId) => $"container-{sandboxId}-{ContainerId}-{Incarnation}";
}
