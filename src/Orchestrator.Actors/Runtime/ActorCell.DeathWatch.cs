namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    private HashSet<IActorRef>? _watching;
    private HashSet<IActorRef>? _watchedBy;

    // Terminated messages queued to self and not yet received; one that was unwatched meanwhile is dropped.
    private HashSet<IActorRef>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && !ReferenceEquals(subject, _self) && (_watching ??= []).Add(subject))
        {
            target.SendSystemMessage(new SystemMessage.Watch(target, _self));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && _watching is not null && _watching.Remove(subject))
        {
            target.SendSystemMessage(new SystemMessage.Unwatch(target, _self));
        }

        _terminatedQueued?.Remove(subject);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, _self) && !ReferenceEquals(watcher, _self))
        {
            (_watchedBy ??= []).Add(watcher);
        }
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, _self))
        {
            _watchedBy?.Remove(watcher);
        }
    }

    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed)
    {
        if (_watching is not null && _watching.Remove(actor) && !_isTerminating)
        {
            // Delivered as a user message so that it keeps its place relative to the dead actor's own messages.
            (_terminatedQueued ??= []).Add(actor);
            _self.Tell(new Terminated(actor, existenceConfirmed), actor);
        }

        ChildMayHaveTerminated();
    }

    private void ReceivedTerminated(Terminated terminated)
    {
        if (_terminatedQueued is null || !_terminatedQueued.Remove(terminated.ActorRef))
        {
            return;
        }

        ReceiveMessage(terminated);
    }

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null)
        {
            return;
        }

        foreach (var watcher in _watchedBy)
        {
            // The parent has been told already, and must hear it only once.
            if (!ReferenceEquals(watcher, _parent) && watcher is IInternalActorRef target)
            {
                target.SendSystemMessage(new SystemMessage.DeathWatchNotification(_self, existenceConfirmed: true));
            }
        }

        _watchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is null)
        {
            return;
        }

        foreach (var watched in _watching)
        {
            if (watched is IInternalActorRef target)
            {
                target.SendSystemMessage(new SystemMessage.Unwatch(target, _self));
            }
        }

        _watching = null;
        _terminatedQueued = null;
    }
}
