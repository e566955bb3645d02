namespace Orchestrator.Actors.Persistence;

/// <summary>
/// An <see cref="AtomicWrite"/> was rejected because one of its sequence numbers is already
/// stored: a second writer uses the same persistence id, and storing would fork its history.
/// </summary>
public sealed class JournalConflictException : Exception
{
    /// <summary>Describes the conflict on <paramref name="persistenceId"/>.</summary>
    public JournalConflictException(string persistenceId, long lowestSequenceNr, long highestSequenceNr, Exception? innerException = null)
        : base(
            $"Persistence id '{persistenceId}' already has an event in sequence numbers {lowestSequenceNr}..{highestSequenceNr}: " +
            "another writer uses this id; the atomic write was not stored.",
            innerException)
    {
        PersistenceId = persistenceId;
        LowestSequenceNr = lowestSequenceNr;
        HighestSequenceNr = highestSequenceNr;
    }

    /// <summary>The persistence id whose history would have forked.</summary>
    public string PersistenceId { get; }

    /// <summary>The first sequence number of the rejected write.</summary>
    public long LowestSequenceNr { get; }

    /// <summary>The last sequence number of the rejected write.</summary>
    public long HighestSequenceNr { get; }
}
