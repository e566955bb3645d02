namespace Orchestrator.Actors.Persistence;

/// <summary>
/// The events of one <c>PersistAll</c>: the journal stores all of them or none of them.
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>Groups <paramref name="payload"/>; every event must share one persistence id.</summary>
    /// <exception cref="ArgumentException">The list is empty or mixes persistence ids.</exception>
    public AtomicWrite(IReadOnlyList<Persistent> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(payload));
        }

        var persistenceId = payload[0].PersistenceId;
        for (var i = 1; i < payload.Count; i++)
        {
            if (!string.Equals(payload[i].PersistenceId, persistenceId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"An atomic write belongs to one persistence id, but holds '{persistenceId}' and '{payload[i].PersistenceId}'.",
                    nameof(payload));
            }
        }

        Payload = payload;
        PersistenceId = persistenceId;
    }

    /// <summary>Wraps one event.</summary>
    public AtomicWrite(Persistent persistent)
        : this([persistent])
    {
    }

    /// <summary>The events, in the order they are to be stored.</summary>
    public IReadOnlyList<Persistent> Payload { get; }

    /// <summary>The persistence id every event shares.</summary>
    public string PersistenceId { get; }

    /// <summary>The first sequence number of the write.</summary>
    public long LowestSequenceNr => Payload[0].SequenceNr;

    /// <summary>The last sequence number of the write.</summary>
    public long HighestSequenceNr => Payload[^1].SequenceNr;
}
