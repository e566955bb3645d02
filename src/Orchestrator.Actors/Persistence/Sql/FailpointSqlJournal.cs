using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Persistence.Sql.Journal;
using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Akka.Persistence.Sql's write journal with the orchestrator's two additions at the one point
/// where a write is known durable: the <see cref="FailpointNames.JournalAfterCommit"/> failpoint
/// (a crash there must find the events replayed after restart, though no writer was told), and the
/// write latency in <see cref="OrchestratorMetrics.JournalWriteSeconds"/>. The journal plugin's
/// <c>class</c> points here (<see cref="JournalPersistence"/>).
/// </summary>
public sealed class FailpointSqlJournal : SqlWriteJournal
{
    /// <summary>Called by Akka with the plugin's configuration section.</summary>
    public FailpointSqlJournal(Akka.Configuration.Config journalConfig)
        : base(journalConfig)
    {
    }

    /// <inheritdoc />
    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<Akka.Persistence.AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        IImmutableList<Exception> rejections;
        try
        {
            // The base completes this task only after the batch holding these writes committed.
            rejections = await base.WriteMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OrchestratorMetrics.JournalWriteSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        Failpoints.Failpoints.Hit(FailpointNames.JournalAfterCommit);
        return rejections;
    }
}
