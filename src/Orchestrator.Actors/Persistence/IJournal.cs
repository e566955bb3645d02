namespace Orchestrator.Actors.Persistence;

/// <summary>
/// The event journal of persistent actors, shaped after Akka.Persistence's
/// <c>AsyncWriteJournal</c>.
/// </summary>
/// <remarks>
/// <para>
/// Writes have two ways of not succeeding, and a caller must treat them differently:
/// </para>
/// <list type="bullet">
/// <item><description>
/// <b>Rejected</b>: <see cref="WriteMessagesAsync"/> returns normally and the entry for an
/// <see cref="AtomicWrite"/> is an exception. That write was not stored, none of its events
/// were, and the journal is healthy: the other writes of the call are stored (entries that are
/// <c>null</c>). Causes: the payload cannot be serialized (a type without
/// <c>[EventManifest]</c>: <see cref="Serialization.EventSerializationException"/>), or a
/// sequence number of the write is already taken, which means another writer has the same
/// persistence id (<see cref="JournalConflictException"/>; the writer's view is stale).
/// In Akka terms the actor gets <c>OnPersistRejected</c>.
/// </description></item>
/// <item><description>
/// <b>Failed</b>: <see cref="WriteMessagesAsync"/> throws. The storage could not be reached or
/// the transaction could not commit; the caller must assume nothing about which writes of the
/// call are stored (in Akka terms <c>OnPersistFailure</c>: the actor stops and recovers later
/// from what the journal really holds).
/// </description></item>
/// </list>
/// <para>
/// Deleting keeps the highest sequence number of a persistence id readable (the last deleted
/// event stays as a tombstone), so <see cref="ReadHighestSequenceNrAsync"/> never goes down and
/// a recovering actor never reuses a sequence number.
/// </para>
/// <para>
/// Cancellation is honoured before a write is queued; once queued it is carried out and the call
/// waits for its outcome, so a cancelled caller never leaves a write in an unknown state.
/// </para>
/// </remarks>
public interface IJournal : IAsyncDisposable
{
    /// <summary>
    /// Stores each <see cref="AtomicWrite"/> atomically. Returns one entry per write, in order:
    /// <c>null</c> when stored, the rejection otherwise. Throws when the whole call failed.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onReplayed"/> for each stored, not deleted event of
    /// <paramref name="persistenceId"/> with a sequence number in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], in sequence order,
    /// at most <paramref name="max"/> times.
    /// </summary>
    /// <exception cref="Serialization.EventSerializationException">
    /// An event's manifest is not registered or its payload does not deserialize; the message
    /// names the manifest, the persistence id and the sequence number.
    /// </exception>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence number ever stored for <paramref name="persistenceId"/>, deleted
    /// events included; 0 when none. <paramref name="fromSequenceNr"/> is a hint where to start.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the events of <paramref name="persistenceId"/> up to and including
    /// <paramref name="toSequenceNr"/>; they are no longer replayed.
    /// </summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has ever written an event, in ordinal order.</summary>
    Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default);
}
