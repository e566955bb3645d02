namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>One journal row before it is stored, in the columns of the <c>journal</c> table.</summary>
internal sealed record SerializedEvent(
    string PersistenceId,
    long SequenceNr,
    long CreatedTicks,
    byte[] Message,
    string Manifest,
    string WriterUuid);
