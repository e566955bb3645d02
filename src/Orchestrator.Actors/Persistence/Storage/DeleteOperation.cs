namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>
/// A <c>DeleteMessagesToAsync</c> call. It goes through the writer too, so it is ordered with
/// the appends queued before it and never waits on SQLite's write lock.
/// </summary>
internal sealed class DeleteOperation : JournalWriteOperation
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeleteOperation(string persistenceId, long toSequenceNr)
    {
        PersistenceId = persistenceId;
        ToSequenceNr = toSequenceNr;
    }

    public string PersistenceId { get; }

    public long ToSequenceNr { get; }

    public Task Task => _completion.Task;

    public override void Complete() => _completion.TrySetResult();

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
