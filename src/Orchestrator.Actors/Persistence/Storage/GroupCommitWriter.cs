using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>
/// The single writer of a SQL journal. Callers enqueue operations; one loop takes everything
/// queued at that moment, hands it to the store as one group (one transaction, one fsync), and
/// then publishes each caller's outcome. Under load the cost of a commit is shared by every
/// caller waiting for it; alone, a caller pays one commit and does not wait for company.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<JournalWriteOperation> _queue =
        Channel.CreateUnbounded<JournalWriteOperation>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<JournalWriteOperation>, Task> _commitGroup;
    private readonly int _maxGroupSize;
    private readonly string _store;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Task? _loop;

    /// <param name="store">Names the store in logs and in <see cref="ObjectDisposedException"/>s.</param>
    /// <param name="commitGroup">Writes a group in one transaction and commits it; throws when it did not commit.</param>
    /// <param name="maxGroupSize">Bounds a transaction, so one group cannot grow without limit.</param>
    public GroupCommitWriter(string store, Func<IReadOnlyList<JournalWriteOperation>, Task> commitGroup, int maxGroupSize, ILogger logger)
    {
        _store = store;
        _commitGroup = commitGroup;
        _maxGroupSize = maxGroupSize;
        _logger = logger;
    }

    /// <summary>Starts the loop; later calls do nothing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    /// <summary>Queues <paramref name="operation"/>; its task completes after its group commits.</summary>
    /// <exception cref="ObjectDisposedException">The writer has stopped.</exception>
    /// <summary>
    /// Queues the storable part of <paramref name="prepared"/> and waits for the group it lands in;
    /// rejected writes (no manifest) are answered at once. Cancellation counts only until queued:
    /// after that the caller waits for the real outcome, never leaving a write in an unknown state.
    /// </summary>
    public async Task<IReadOnlyList<Exception?>> AppendAsync(PreparedWrites prepared, CancellationToken cancellationToken)
    {
        if (!prepared.HasAnythingToStore)
        {
            return prepared.Results;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var operation = new AppendOperation(prepared);
        Enqueue(operation);
        return await operation.Task.ConfigureAwait(false);
    }

    /// <summary>Queues a delete-to and waits for the group it lands in.</summary>
    public async Task DeleteAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new DeleteOperation(persistenceId, toSequenceNr);
        Enqueue(operation);
        await operation.Task.ConfigureAwait(false);
    }

    public void Enqueue(JournalWriteOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(_store, "The journal writer has stopped; the write was not queued.");
        }
    }

    /// <summary>Stops taking operations, writes those already queued, and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
        else
        {
            FailRemaining();
        }
    }

    private async Task RunAsync()
    {
        var group = new List<JournalWriteOperation>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                group.Clear();
                while (group.Count < _maxGroupSize && reader.TryRead(out var operation))
                {
                    group.Add(operation);
                }

                await CommitAsync(group).ConfigureAwait(false);
            }
        }
        finally
        {
            // Reached only when the queue is completed and drained, or the loop itself broke;
            // either way no caller may be left waiting on an operation nobody will write.
            FailRemaining();
        }
    }

    private async Task CommitAsync(List<JournalWriteOperation> group)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _commitGroup(group).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The transaction did not commit: every caller in the group learns that its write
            // failed (not rejected), which is the only truthful answer.
            PersistenceLog.GroupCommitFailed(_logger, ex, _store, group.Count);
            foreach (var operation in group)
            {
                operation.Fail(ex);
            }

            return;
        }

        PersistenceLog.GroupCommitted(_logger, _store, group.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // Durable but nobody told yet: a crash here leaves events in the journal whose callers
        // never saw them land, which recovery must treat exactly like acknowledged ones; an
        // injected error tells the callers "failed" for writes that did land.
        try
        {
            Failpoints.Failpoints.Hit(Failpoints.FailpointNames.JournalAfterCommit);
        }
        catch (Failpoints.FailpointException injected)
        {
            foreach (var operation in group)
            {
                operation.Fail(injected);
            }

            return;
        }

        foreach (var operation in group)
        {
            operation.Complete();
        }
    }

    private void FailRemaining()
    {
        while (_queue.Reader.TryRead(out var operation))
        {
            operation.Fail(new ObjectDisposedException(_store, "The journal was disposed before this write was stored."));
        }
    }
}
