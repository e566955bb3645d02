using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    // Set while the actor waits for its supervisor's decision; further failures are ignored meanwhile.
    private Exception? _failure;

    // Set while a restart waits for the children stopped by PreRestart.
    private Exception? _pendingRecreate;
    private bool _isTerminating;
    private bool _isTerminated;
    private SupervisorStrategy? _strategy;

    /// <summary>The actor threw: suspend it and its children, and ask the parent what to do.</summary>
    internal void HandleInvokeFailure(Exception cause)
    {
        if (_failure is not null || _isTerminating)
        {
            RuntimeLog.FailureIgnored(_system.Log, cause, _self.Path.ToString());
            return;
        }

        _failure = cause;
        _mailbox.Suspend();
        SendToChildren(static () => new SystemMessage.Suspend());
        _parent.SendSystemMessage(new SystemMessage.Failed(_self, cause));
    }

    private void Create()
    {
        try
        {
            NewActor().AroundPreStart();
            RuntimeLog.ActorStarted(_system.Log, _self.Path.ToString());
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(_self, $"Exception while creating [{_self.Path}]: {e.Message}", e));
        }
    }

    private void FaultSuspend()
    {
        _mailbox.Suspend();
        SendToChildren(static () => new SystemMessage.Suspend());
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (causedByFailure is not null)
        {
            // Resume keeps the instance and its state; the message that failed is not delivered again.
            _failure = null;
            _currentEnvelope = default;
        }

        _mailbox.Resume();
        SendToChildren(static () => new SystemMessage.Resume(null));
    }

    private void FaultRecreate(Exception cause)
    {
        if (_isTerminating)
        {
            return;
        }

        if (_actor is { } failed)
        {
            // Stashed messages go back to the mailbox (ahead of what is queued) for the next incarnation.
            UnstashAllForRestart();
            _timers?.CancelAll();
            SetReceiveTimeout(null);
            try
            {
                failed.AroundPreRestart(cause, _currentEnvelope.Message);
            }
            catch (Exception e)
            {
                RuntimeLog.PreRestartFailed(_system.Log, e, _self.Path.ToString());
            }

            ClearActor();
        }

        if (AnyChildStopping())
        {
            _pendingRecreate = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        _pendingRecreate = null;
        var survivors = ChildStatsSnapshot();
        _failure = null;
        _currentEnvelope = default;
        _taskGeneration++;
        _mailbox.SetAwaitingTask(false);
        _mailbox.Resume();
        try
        {
            NewActor().AroundPostRestart(cause);
            RuntimeLog.ActorRestarted(_system.Log, _self.Path.ToString(), cause.GetType().Name);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(_self, $"Exception in PostRestart of [{_self.Path}]: {e.Message}", e));
        }

        // Children that PreRestart left alive are restarted with their parent.
        foreach (var survivor in survivors)
        {
            survivor.Child.SendSystemMessage(new SystemMessage.Recreate(cause));
        }
    }

    private void HandleFailed(IActorRef child, Exception cause)
    {
        var stats = FindChildStats(child);
        if (stats is null || stats.IsStopping)
        {
            // A child that is already on its way out has nothing left to decide.
            return;
        }

        var strategy = _strategy ??= _props.SupervisorStrategy ?? _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.DefaultStrategy;
        var directive = strategy.Decide(cause);
        RuntimeLog.LogFailure(_system.Log, cause, child.Path.ToString(), directive);
        switch (directive)
        {
            case Directive.Resume:
                stats.Child.SendSystemMessage(new SystemMessage.Resume(cause));
                break;
            case Directive.Restart:
                strategy.ProcessFailure(this, restart: true, stats, cause, ChildStatsSnapshot());
                break;
            case Directive.Stop:
                strategy.ProcessFailure(this, restart: false, stats, cause, ChildStatsSnapshot());
                break;
            default:
                // Escalate: this actor fails with the child's exception and its own supervisor decides.
                HandleInvokeFailure(cause);
                break;
        }
    }

    internal void RestartChild(ChildRestartStats child, Exception cause, bool suspendFirst)
    {
        if (suspendFirst)
        {
            child.Child.SendSystemMessage(new SystemMessage.Suspend());
        }

        child.Child.SendSystemMessage(new SystemMessage.Recreate(cause));
    }

    internal void StopChild(ChildRestartStats child) => Stop(child.Child);

    private void Terminate()
    {
        if (_isTerminating)
        {
            return;
        }

        List<ChildRestartStats> children;
        lock (_childrenLock)
        {
            _isTerminating = true;
            children = _children is { Count: > 0 } c ? [.. c.Values] : [];
        }

        _timers?.CancelAll();
        SetReceiveTimeout(null);
        _mailbox.Suspend();
        foreach (var child in children)
        {
            StopChild(child);
        }

        if (ChildCount == 0)
        {
            FinishTerminate();
        }
    }

    /// <summary>A child or watched actor stopped: a pending stop or restart may now complete.</summary>
    private void ChildMayHaveTerminated()
    {
        if (_isTerminating)
        {
            if (!_isTerminated && ChildCount == 0)
            {
                FinishTerminate();
            }
        }
        else if (_pendingRecreate is { } cause && !AnyChildStopping())
        {
            FinishRecreate(cause);
        }
    }

    private void FinishTerminate()
    {
        _isTerminated = true;
        var actor = _actor;
        try
        {
            actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            RuntimeLog.PostStopFailed(_system.Log, e, _self.Path.ToString());
        }

        DeadLetterStashes();
        _mailbox.Close();
        ClearActor();
        _currentEnvelope = default;

        // Free the name before anyone hears of the death, so that a watcher may reuse it at once.
        if (_parent is LocalActorRef parent)
        {
            parent.Cell.RemoveChild(_self);
        }

        _parent.SendSystemMessage(new SystemMessage.DeathWatchNotification(_self, existenceConfirmed: true));
        TellWatchersWeDied();
        UnwatchWatchedActors();
        _system.EventStream.Unsubscribe(_self);
        RuntimeLog.ActorStopped(_system.Log, _self.Path.ToString());
    }
}
