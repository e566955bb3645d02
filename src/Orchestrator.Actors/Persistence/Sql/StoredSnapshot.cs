namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>One stored snapshot, decoded: the state of <paramref name="PersistenceId"/> as of <paramref name="SequenceNr"/>.</summary>
public sealed record StoredSnapshot(string PersistenceId, long SequenceNr, string Manifest, object Payload);
