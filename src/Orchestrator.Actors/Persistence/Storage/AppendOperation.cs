namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>The atomic writes of one <c>WriteMessagesAsync</c> call.</summary>
internal sealed class AppendOperation : JournalWriteOperation
{
    // Continuations run asynchronously so the writer never executes a caller's code (which could
    // persist again and wait for the very writer that is completing it).
    private readonly TaskCompletionSource<IReadOnlyList<Exception?>> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AppendOperation(PreparedWrites prepared) => Prepared = prepared;

    public PreparedWrites Prepared { get; }

    public Task<IReadOnlyList<Exception?>> Task => _completion.Task;

    public override void Complete() => _completion.TrySetResult(Prepared.Results);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
