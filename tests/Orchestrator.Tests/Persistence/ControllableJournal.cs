using System.Collections.Concurrent;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// A journal decorator for persistent-actor tests: records every write call, can hold writes or replays until
/// released, and can make writes or recovery reads (replay, highest sequence number) throw, the way a broken
/// disk or database would.
/// </summary>
public sealed class ControllableJournal(IJournal inner) : IJournal
{
    private TaskCompletionSource? _writeGate;
    private TaskCompletionSource? _replayGate;
    private volatile Exception? _writeFailure;
    private volatile Exception? _replayFailure;

    /// <summary>The atomic writes of each WriteMessagesAsync call, in call order.</summary>
    public ConcurrentQueue<IReadOnlyList<AtomicWrite>> WriteCalls { get; } = new();

    public Exception? WriteFailure
    {
        get => _writeFailure;
        set => _writeFailure = value;
    }

    public Exception? ReplayFailure
    {
        get => _replayFailure;
        set => _replayFailure = value;
    }

    /// <summary>Writes wait from now until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites() => Volatile.Write(ref _writeGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void ReleaseWrites() => Interlocked.Exchange(ref _writeGate, null)?.SetResult();

    /// <summary>Recovery reads wait from now until <see cref="ReleaseReplays"/>.</summary>
    public void HoldReplays() => Volatile.Write(ref _replayGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void ReleaseReplays() => Interlocked.Exchange(ref _replayGate, null)?.SetResult();

    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        WriteCalls.Enqueue([.. writes]);
        if (Volatile.Read(ref _writeGate) is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (_writeFailure is { } failure)
        {
            throw failure;
        }

        return await inner.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _replayGate) is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (_replayFailure is { } failure)
        {
            throw failure;
        }

        await inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _replayGate) is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (_replayFailure is { } failure)
        {
            throw failure;
        }

        return await inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default) =>
        inner.CurrentPersistenceIdsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
