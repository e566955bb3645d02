namespace Orchestrator.Actors.Persistence;

/// <summary>
/// One event as the journal sees it: the payload plus where it sits in its persistent
/// actor's history.
/// </summary>
/// <param name="PersistenceId">The id of the history the event belongs to.</param>
/// <param name="SequenceNr">Its position in that history, starting at 1, without gaps.</param>
/// <param name="Payload">The event: a value-only record that carries an <c>[EventManifest]</c>.</param>
/// <param name="Manifest">
/// The stored manifest. Filled on replay; on write it is informational, since the journal's
/// serializer derives the manifest from the payload's type.
/// </param>
/// <param name="WriterUuid">Identifies the incarnation of the actor that wrote the event.</param>
/// <param name="Timestamp">
/// When it was written (UTC). <see cref="DateTime.MinValue"/> on write means "now".
/// </param>
public sealed record Persistent(
    string PersistenceId,
    long SequenceNr,
    object Payload,
    string Manifest = "",
    string WriterUuid = "",
    DateTime Timestamp = default);
