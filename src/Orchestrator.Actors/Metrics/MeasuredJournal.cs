using System.Diagnostics;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.Metrics;

/// <summary>Records every write's latency (call to durable answer) in <see cref="OrchestratorMetrics.JournalWriteSeconds"/>.</summary>
public sealed class MeasuredJournal(IJournal inner) : IJournal
{
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OrchestratorMetrics.JournalWriteSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default) =>
        inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default) => inner.CurrentPersistenceIdsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
