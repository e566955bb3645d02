namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    /// <summary>Processes one user message. Any exception fails the actor and goes to its supervisor.</summary>
    public void Invoke(Envelope envelope)
    {
        var previous = _current;
        _current = this;
        _currentEnvelope = envelope;
        _invocation++;
        var message = envelope.Message;
        try
        {
            if (message is IAutoReceivedMessage)
            {
                AutoReceive(message);
            }
            else
            {
                ReceiveMessage(message);
            }

            // Keep the failing envelope on failure (also one reported by an async handler that completed
            // inline): PreRestart is told which message caused it.
            if (_failure is null)
            {
                _currentEnvelope = default;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _current = previous;
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
            {
                RestartReceiveTimeout();
            }
        }
    }

    /// <summary>Processes one system message, also while the actor is suspended.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        var previous = _current;
        _current = this;
        try
        {
            switch (message)
            {
                case SystemMessage.Create:
                    Create();
                    break;
                case SystemMessage.Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case SystemMessage.Suspend:
                    FaultSuspend();
                    break;
                case SystemMessage.Resume resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case SystemMessage.Terminate:
                    Terminate();
                    break;
                case SystemMessage.Failed failed:
                    HandleFailed(failed.Child, failed.Cause);
                    break;
                case SystemMessage.Watch watch:
                    AddWatcher(watch.Watchee, watch.Watcher);
                    break;
                case SystemMessage.Unwatch unwatch:
                    RemoveWatcher(unwatch.Watchee, unwatch.Watcher);
                    break;
                case SystemMessage.DeathWatchNotification notification:
                    WatchedActorTerminated(notification.Actor, notification.ExistenceConfirmed);
                    break;
                case SystemMessage.RunContinuation continuation:
                    RunContinuation(continuation);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown system message {message.GetType().Name}");
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _current = previous;
        }
    }

    /// <summary>A system message that arrived after the actor stopped.</summary>
    public void HandleDeadSystemMessage(SystemMessage message)
    {
        // Watching an actor that is already dead still yields exactly one Terminated.
        if (message is SystemMessage.Watch watch
            && ReferenceEquals(watch.Watchee, _self)
            && !ReferenceEquals(watch.Watcher, _self))
        {
            watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(_self, existenceConfirmed: false));
        }
    }

    private void ReceiveMessage(object message)
    {
        if (!_actor!.AroundReceive(_behaviour!, message))
        {
            _actor.UnhandledInternal(message);
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case TimerMessage timer:
                if (_timers is { } timers && timers.Accept(timer))
                {
                    _currentEnvelope = new Envelope(timer.Message, ActorRefs.NoSender);
                    ReceiveMessage(timer.Message);
                }

                break;
            case Terminated terminated:
                ReceivedTerminated(terminated);
                break;
            case ReceiveTimeoutTick:
                ReceivedReceiveTimeoutTick();
                break;
            case PoisonPill:
                _self.Stop();
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, _self), _self);
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }
}
