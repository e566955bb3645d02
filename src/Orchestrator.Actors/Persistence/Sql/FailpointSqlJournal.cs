using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence.Sql.Journal;
using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Akka.Persistence.Sql's write journal with the orchestrator's two additions at the one point
/// where a write is known durable: the <see cref="FailpointNames.JournalAfterCommit"/> failpoint
/// (a crash there must find the events replayed after restart, though no writer was told), and the
/// write latency in <see cref="OrchestratorMetrics.JournalWriteSeconds"/>. It also answers
/// <see cref="PurgeHistories"/>, which deletes retired histories outright (<see cref="HistoryPurge"/>).
/// The journal plugin's <c>class</c> points here (<see cref="JournalPersistence"/>).
/// </summary>
public sealed class FailpointSqlJournal : SqlWriteJournal
{
    private readonly StartupReplayCache? _startup;
    private readonly Func<System.Data.Common.DbConnection>? _connect;

    /// <summary>Called by Akka with the plugin's configuration section.</summary>
    public FailpointSqlJournal(Akka.Configuration.Config journalConfig)
        : base(journalConfig)
    {
        _startup = StartupReplayCache.For(journalConfig);
        _connect = PluginConnections.For(journalConfig);
    }

    /// <inheritdoc />
    public override async Task ReplayMessagesAsync(
        Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Akka.Persistence.IPersistentRepresentation> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_startup is null || !await _startup.TryReplayAsync(context.System, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback).ConfigureAwait(false))
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_startup is not null && await _startup.HighestSequenceNrAsync(persistenceId).ConfigureAwait(false) is { } highest)
        {
            return highest;
        }

        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override bool ReceivePluginInternal(object message)
    {
        if (message is not PurgeHistories purge)
        {
            return base.ReceivePluginInternal(message);
        }

        var replyTo = Sender;
        if (_connect is null)
        {
            replyTo.Tell(new HistoriesPurgeFailed(purge.PersistenceIds, "the journal's provider is not one the purge knows (SQLite or PostgreSQL)"));
            return true;
        }

        foreach (var persistenceId in purge.PersistenceIds)
        {
            _startup?.PassOver(persistenceId);
        }

        HistoryPurge.RunAsync(_connect, purge.PersistenceIds, CancellationToken.None).ContinueWith(
            done => done.IsCompletedSuccessfully
                ? (object)new HistoriesPurged(purge.PersistenceIds, done.Result)
                : new HistoriesPurgeFailed(purge.PersistenceIds, done.Exception?.GetBaseException().Message ?? "cancelled"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).PipeTo(replyTo);
        return true;
    }

    /// <inheritdoc />
    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        _startup?.PassOver(persistenceId);
        return base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<Akka.Persistence.AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<Akka.Persistence.AtomicWrite> ?? messages.ToList();
        foreach (var write in writes)
        {
            _startup?.PassOver(write.PersistenceId);
        }

        var started = Stopwatch.GetTimestamp();
        IImmutableList<Exception> rejections;
        try
        {
            // The base completes this task only after the batch holding these writes committed.
            rejections = await base.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OrchestratorMetrics.JournalWriteSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        Failpoints.Failpoints.Hit(FailpointNames.JournalAfterCommit);
        return rejections;
    }
}
