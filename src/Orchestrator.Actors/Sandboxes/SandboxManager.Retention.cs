using Akka.Actor;
using Akka.Persistence;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Retention: a forgotten sandbox's history and those of its removed containers are retired
/// (journaled with the time) and deleted from the journal once
/// <see cref="SandboxTreeSettings.RetainDestroyed"/> has passed; the registry itself is snapshotted
/// every <see cref="SandboxTreeSettings.RegistrySnapshotEvery"/> events, and the events a snapshot
/// covers are deleted after the same delay. Deletion runs beside serving: one purge in flight at a
/// time, its answer a message, its failures retried on a bounded schedule.
/// </summary>
public sealed partial class SandboxManager
{
    private const string RetentionTimerKey = "retention";

    private DateTimeOffset _retentionDueAt;
    private const string PurgeTimeoutTimerKey = "retention-purge-timeout";
    private const string CompactionTimerKey = "registry-compaction";

    /// <summary>At most this many histories go into one purge (one transaction).</summary>
    private const int PurgeBatch = 100;

    /// <summary>Snapshots saved in this incarnation whose covered events are still to delete, oldest first.</summary>
    private readonly Queue<(long SequenceNr, DateTimeOffset Due)> _compactions = new();
    private IReadOnlyList<string>? _purging;
    private int _purgeAttempt;
    private long _snapshotSequenceNr;
    private bool _snapshotInFlight;

    private void RetentionCommands()
    {
        Command<RetentionDue>(_ => PurgeDue());
        Command<CompactionDue>(_ => Compact());
        Command<HistoriesPurged>(OnPurged);
        Command<HistoriesPurgeFailed>(f => OnPurgeFailed(f.PersistenceIds, f.Error));
        Command<PurgeTimedOut>(t =>
        {
            if (ReferenceEquals(t.PersistenceIds, _purging))
            {
                OnPurgeFailed(t.PersistenceIds, $"the journal did not answer within {_settings.PurgeTimeout}");
            }
        });
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f =>
        {
            _snapshotInFlight = false;
            SandboxLog.SnapshotFailed(_log, Self.Path.ToString(), "saving the registry's snapshot", f.Cause.Message);
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => SandboxLog.SnapshotFailed(_log, Self.Path.ToString(), "deleting the events a snapshot covers", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => SandboxLog.SnapshotFailed(_log, Self.Path.ToString(), "deleting older snapshots", f.Cause.Message));
    }

    private void RecoverSnapshot(SnapshotOffer offer)
    {
        if (offer.Snapshot is not SandboxRegistrySnapshot snapshot)
        {
            throw new InvalidOperationException($"the sandbox manager's snapshot store holds a {offer.Snapshot.GetType().Name}, not a registry snapshot");
        }

        SetState(SandboxManagerState.From(snapshot));
        _snapshotSequenceNr = offer.Metadata.SequenceNr;
    }

    private void OnRetireHistories(RetireHistories retire)
    {
        var replyTo = Sender;
        var reply = new RetireHistoriesReply(retire.PersistenceIds);

        // A sandbox no longer registered handed everything it had over with SandboxGone.
        var fresh = Retirable(retire.PersistenceIds);
        if (fresh.Count == 0 || !_state.Sandboxes.TryGetValue(retire.SandboxId, out var incarnation) || incarnation != retire.Incarnation)
        {
            replyTo.Tell(reply);
            return;
        }

        Commit([new HistoriesRetired(fresh, DateTimeOffset.UtcNow)], () =>
        {
            replyTo.Tell(reply);
            ScheduleRetention();
        });
    }

    /// <summary>The ids not retired yet; the registry's own history is never one of them.</summary>
    private List<string> Retirable(IEnumerable<string> persistenceIds) =>
        [.. persistenceIds.Distinct(StringComparer.Ordinal).Where(id => id != PersistenceId && !_state.Retired.ContainsKey(id))];

    /// <summary>Sets the retention timer for the earliest retired history not yet deleted (unless a purge is in flight).</summary>
    private void ScheduleRetention()
    {
        if (_purging is not null || _state.Retired.IsEmpty)
        {
            return;
        }

        // Histories are retired in time order, so a pending timer is due no later than anything
        // retired since: the earliest is looked for (a walk over every retired history) only when
        // no timer is pending, not once per destroyed sandbox and removed container on the actor
        // every command passes through. The timer is still restarted, so a burst of retirements
        // is purged together once it is over.
        if (!Timers.IsTimerActive(RetentionTimerKey))
        {
            _retentionDueAt = _state.Retired.Values.Min() + _settings.RetainDestroyed;
        }

        StartRetentionTimer(_retentionDueAt - DateTimeOffset.UtcNow);
    }

    private void StartRetentionTimer(TimeSpan due)
    {
        _retentionDueAt = DateTimeOffset.UtcNow + (due > TimeSpan.Zero ? due : TimeSpan.Zero);
        Timers.StartSingleTimer(RetentionTimerKey, RetentionDue.Instance, due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }

    private void PurgeDue()
    {
        if (_purging is not null)
        {
            return;
        }

        var cutoff = DateTimeOffset.UtcNow - _settings.RetainDestroyed;
        var due = _state.Retired.Where(r => r.Value <= cutoff).OrderBy(r => r.Value).Take(PurgeBatch).Select(r => r.Key).ToList();
        if (due.Count == 0)
        {
            ScheduleRetention();
            return;
        }

        _purging = due;
        Timers.StartSingleTimer(PurgeTimeoutTimerKey, new PurgeTimedOut(due), _settings.PurgeTimeout);
        Journal.Tell(new PurgeHistories(due), Self);
    }

    private void OnPurged(HistoriesPurged purged)
    {
        if (_purging is null || !purged.PersistenceIds.SequenceEqual(_purging))
        {
            return;
        }

        Timers.Cancel(PurgeTimeoutTimerKey);
        Commit([new HistoriesDeleted(purged.PersistenceIds)], () =>
        {
            SandboxLog.HistoriesDeleted(_log, purged.PersistenceIds.Count, purged.Rows);
            _purging = null;
            _purgeAttempt = 0;
            ScheduleRetention();
        });
    }

    private void OnPurgeFailed(IReadOnlyList<string> persistenceIds, string error)
    {
        if (_purging is null || !persistenceIds.SequenceEqual(_purging))
        {
            return;
        }

        Timers.Cancel(PurgeTimeoutTimerKey);
        _purging = null;
        var policy = _settings.PurgeRetryPolicy;
        if (++_purgeAttempt >= policy.MaxAttempts)
        {
            SandboxLog.PurgeGaveUp(_log, persistenceIds.Count, policy.MaxAttempts, error);
            _purgeAttempt = 0;
            return;
        }

        var delay = policy.DelayAfter(_purgeAttempt);
        SandboxLog.PurgeFailed(_log, persistenceIds.Count, _purgeAttempt, policy.MaxAttempts, (long)delay.TotalMilliseconds, error);
        StartRetentionTimer(delay);
    }

    /// <summary>Snapshots the registry once enough events have been journaled since the last snapshot.</summary>
    private void SnapshotIfDue()
    {
        if (!_snapshotInFlight && LastSequenceNr - _snapshotSequenceNr >= _settings.RegistrySnapshotEvery)
        {
            _snapshotInFlight = true;
            SaveSnapshot(_state.ToSnapshot());
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        _snapshotInFlight = false;
        _snapshotSequenceNr = saved.Metadata.SequenceNr;

        // The events a snapshot covers are deleted only after the retention delay, like a destroyed
        // sandbox's: a reader of the event stream that reconnects meanwhile still finds them.
        _compactions.Enqueue((saved.Metadata.SequenceNr, DateTimeOffset.UtcNow + _settings.RetainDestroyed));
        ScheduleCompaction();

        // Events journaled while the snapshot was being saved count towards the next one: without
        // this check a quiet registry would keep them until its next event, past the bound.
        SnapshotIfDue();
    }

    private void ScheduleCompaction()
    {
        if (_compactions.TryPeek(out var next) && !Timers.IsTimerActive(CompactionTimerKey))
        {
            var due = next.Due - DateTimeOffset.UtcNow;
            Timers.StartSingleTimer(CompactionTimerKey, CompactionDue.Instance, due > TimeSpan.Zero ? due : TimeSpan.Zero);
        }
    }

    private void Compact()
    {
        var upTo = 0L;
        while (_compactions.TryPeek(out var next) && next.Due <= DateTimeOffset.UtcNow)
        {
            upTo = _compactions.Dequeue().SequenceNr;
        }

        if (upTo > 0)
        {
            // Akka.Persistence.Sql keeps the highest deleted event (marked deleted) for exactly this:
            // the next incarnation continues from it even when every event before it is gone.
            DeleteMessages(upTo);
            DeleteSnapshots(new SnapshotSelectionCriteria(upTo - 1));
        }

        ScheduleCompaction();
    }

    private sealed record CompactionDue
    {
        public static CompactionDue Instance { get; } = new();
    }

    private sealed record RetentionDue
    {
        public static RetentionDue Instance { get; } = new();
    }

    private sealed record PurgeTimedOut(IReadOnlyList<string> PersistenceIds);
}
