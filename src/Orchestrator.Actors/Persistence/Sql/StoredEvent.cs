namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>One journaled event as read offline: where it sits, its stable manifest, when it was written, and the event.</summary>
public sealed record StoredEvent(string PersistenceId, long SequenceNr, string Manifest, DateTime Timestamp, object Payload);
