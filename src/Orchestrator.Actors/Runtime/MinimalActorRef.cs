namespace Orchestrator.Actors.Runtime;

/// <summary>A ref with no mailbox behind it (nobody, dead letters, an ask's reply slot).</summary>
internal abstract class MinimalActorRef : IInternalActorRef
{
    public abstract ActorPath Path { get; }

    public abstract ActorSystem? System { get; }

    public abstract void Tell(object message, IActorRef? sender = null);

    /// <summary>Such a ref is as good as dead to a watcher: it answers a watch with Terminated at once.</summary>
    public virtual void SendSystemMessage(SystemMessage message)
    {
        if (message is SystemMessage.Watch watch && ReferenceEquals(watch.Watchee, this))
        {
            watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(this, existenceConfirmed: false));
        }
    }

    public virtual void Stop()
    {
    }

    public override string ToString() => Path.ToString();
}
