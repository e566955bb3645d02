namespace Orchestrator.Actors.Persistence.InMemory;

/// <summary>The snapshots behind an <see cref="InMemorySnapshotStore"/>, shareable across "restarts".</summary>
internal sealed class InMemorySnapshotStorage
{
    private readonly Dictionary<(string PersistenceId, long SequenceNr), StoredSnapshot> _snapshots = [];

    public object Gate { get; } = new();

    public void Save(StoredSnapshot snapshot) => _snapshots[(snapshot.PersistenceId, snapshot.SequenceNr)] = snapshot;

    public StoredSnapshot? Get(string persistenceId, long sequenceNr) =>
        _snapshots.TryGetValue((persistenceId, sequenceNr), out var snapshot) ? snapshot : null;

    public void Remove(string persistenceId, long sequenceNr) => _snapshots.Remove((persistenceId, sequenceNr));

    public IReadOnlyList<StoredSnapshot> Of(string persistenceId) =>
        [.. _snapshots.Values.Where(s => s.PersistenceId == persistenceId).OrderByDescending(s => s.SequenceNr)];

    /// <summary>A row of the <c>snapshot</c> table.</summary>
    internal sealed record StoredSnapshot(string PersistenceId, long SequenceNr, long CreatedTicks, string Manifest, byte[] Bytes)
    {
        public SnapshotMetadata Metadata => new(PersistenceId, SequenceNr, UtcTicks.ToDateTime(CreatedTicks));
    }
}
