namespace Orchestrator.Actors.Persistence;

/// <summary>
/// Which snapshots a load or delete considers: sequence number and timestamp both within
/// their inclusive bounds.
/// </summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr,
    DateTime MaxTimestamp,
    long MinSequenceNr = 0,
    DateTime MinTimestamp = default)
{
    /// <summary>Every snapshot; a load returns the newest.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTime.MaxValue);

    /// <summary>No snapshot: recovery replays the journal from the start.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTime.MinValue);

    /// <summary>Whether <paramref name="metadata"/> falls within these bounds.</summary>
    public bool IsMatch(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var ticks = UtcTicks.From(metadata.Timestamp);
        return metadata.SequenceNr >= MinSequenceNr
            && metadata.SequenceNr <= MaxSequenceNr
            && ticks >= UtcTicks.From(MinTimestamp)
            && ticks <= UtcTicks.From(MaxTimestamp);
    }
}
