using System.Diagnostics;
using System.Runtime.CompilerServices;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Persistence;

public abstract partial class ReceivePersistentActor
{
    // Events read per replay call: bounds the memory a long history needs between snapshots.
    private const int ReplayPageSize = 1000;

    // The journal call of each actor that may still be in flight, keyed by its ref (which survives restarts):
    // a restarted incarnation waits for it before reading the highest sequence number, or it could reuse one.
    private static readonly ConditionalWeakTable<IActorRef, Task> WritesInFlight = [];

    private void StartRecovery()
    {
        _isRecovering = true;
        StartFlow(RecoverAsync);
    }

    private async Task RecoverAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var persistenceId = _persistenceId!;
        object? handling = null;
        try
        {
            if (WritesInFlight.TryGetValue(Self, out var previous))
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }

            if (_snapshotStore is not null)
            {
                var snapshot = await _snapshotStore.LoadAsync(persistenceId, SnapshotSelectionCriteria.Latest).ConfigureAwait(true);
                if (_incarnationOver)
                {
                    return;
                }

                if (snapshot is not null)
                {
                    SetSequenceNr(snapshot.Metadata.SequenceNr);
                    handling = new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot);
                    _recoverHandlers.TryHandle(handling);
                    handling = null;
                }
            }

            var highest = await _journal.ReadHighestSequenceNrAsync(persistenceId, LastSequenceNr).ConfigureAwait(true);
            var replayed = new List<Persistent>();
            for (var from = LastSequenceNr + 1; from <= highest && !_incarnationOver;)
            {
                replayed.Clear();

                // The journal may call back on its own thread: collect, then apply inside the actor.
                await _journal.ReplayMessagesAsync(persistenceId, from, highest, ReplayPageSize, replayed.Add).ConfigureAwait(true);
                foreach (var persistent in replayed)
                {
                    if (_incarnationOver)
                    {
                        return;
                    }

                    SetSequenceNr(persistent.SequenceNr);
                    handling = persistent.Payload;
                    if (!_recoverHandlers.TryHandle(handling))
                    {
                        Unhandled(handling);
                    }

                    handling = null;
                }

                from = replayed.Count < ReplayPageSize ? long.MaxValue : replayed[^1].SequenceNr + 1;
            }

            if (_incarnationOver)
            {
                return;
            }

            SetSequenceNr(Math.Max(highest, LastSequenceNr));
        }
        catch (Exception e)
        {
            if (!_incarnationOver)
            {
                FailRecovery(e, handling);
            }

            return;
        }

        PersistentActorLog.Recovered(Log, persistenceId, LastSequenceNr, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        CompleteRecovery();
    }

    /// <summary>
    /// Delivers <see cref="RecoveryCompleted"/> and starts serving commands. Held-back commands go back to the
    /// front of the mailbox; a task the handler started with RunTask keeps them there until it completes.
    /// </summary>
    private void CompleteRecovery()
    {
        _isRecovering = false;
        _flushDeferred++;
        try
        {
            _recoverHandlers.TryHandle(RecoveryCompleted.Instance);
        }
        catch (Exception e)
        {
            DiscardBatch(e);
            Cell.HandleInvokeFailure(e);
            return;
        }
        finally
        {
            _flushDeferred--;
        }

        FlushBatch();
        if (_pendingStashingInvocations == 0)
        {
            _internalStash.UnstashAll();
        }
    }

    private void FailRecovery(Exception cause, object? message)
    {
        try
        {
            OnRecoveryFailure(cause, message);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private void SetSequenceNr(long sequenceNr)
    {
        _sequenceNr = sequenceNr;
        LastSequenceNr = sequenceNr;
    }

    private void TrackWriteInFlight(Task write) => WritesInFlight.AddOrUpdate(Self, write);

    /// <summary>
    /// Runs <paramref name="flow"/> inside the actor: its first part now, each continuation after an await as a
    /// message of its own (also while an async handler is pending, which holds back user messages only).
    /// </summary>
    private void StartFlow(Func<Task> flow)
    {
        var scheduler = Cell.ContinuationScheduler;
        Task.Factory.StartNew(flow, CancellationToken.None, TaskCreationOptions.None, scheduler)
            .Unwrap()
            .ContinueWith(
                static (task, state) => ((ReceivePersistentActor)state!).OnFlowFaulted(task.Exception!),
                this,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                scheduler);
    }

    /// <summary>Flows handle their own failures; one that escapes is a bug and fails the actor like Receive would.</summary>
    private void OnFlowFaulted(AggregateException exception)
    {
        if (!_incarnationOver)
        {
            Cell.HandleInvokeFailure(exception.InnerExceptions.Count == 1 ? exception.InnerException! : exception);
        }
    }
}
