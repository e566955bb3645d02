namespace Orchestrator.Actors.Persistence;

/// <summary>Identifies a snapshot: whose, taken after which event, and when (UTC).</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTime Timestamp);
