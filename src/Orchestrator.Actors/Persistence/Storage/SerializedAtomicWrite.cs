namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>The rows of one <see cref="AtomicWrite"/>, serialized before they reach the writer.</summary>
internal sealed record SerializedAtomicWrite(string PersistenceId, IReadOnlyList<SerializedEvent> Events)
{
    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;

    public JournalConflictException Conflict(Exception? cause = null) =>
        new(PersistenceId, Events.Min(e => e.SequenceNr), Events.Max(e => e.SequenceNr), cause);
}
