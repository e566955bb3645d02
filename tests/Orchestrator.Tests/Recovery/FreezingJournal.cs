using Orchestrator.Actors.Persistence;

namespace Orchestrator.Tests.Recovery;

/// <summary>
/// Passes writes to an inner journal until it has stored <c>durableWrites</c> calls; every later
/// write never completes and never reaches the inner journal. The actor system on top is then
/// like a process killed right after its last durable write. Records every rejection the inner
/// journal answers (a reused sequence number would be one).
/// </summary>
internal sealed class FreezingJournal(IJournal inner, int durableWrites) : IJournal
{
    private readonly TaskCompletionSource _frozen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IReadOnlyList<Exception?>> _never = new();
    private readonly List<Exception> _rejections = [];
    private int _calls;

    /// <summary>Completes when the first write beyond the budget arrives.</summary>
    public Task Frozen => _frozen.Task;

    public IReadOnlyList<Exception> Rejections
    {
        get
        {
            lock (_rejections)
            {
                return [.. _rejections];
            }
        }
    }

    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _calls) > durableWrites)
        {
            _frozen.TrySetResult();
            return await _never.Task;
        }

        var results = await inner.WriteMessagesAsync(writes, cancellationToken);
        lock (_rejections)
        {
            _rejections.AddRange(results.OfType<Exception>());
        }

        return results;
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default) =>
        inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default) =>
        inner.CurrentPersistenceIdsAsync(cancellationToken);

    // The inner journal belongs to the test, which reads it after this one is gone.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
