namespace Orchestrator.Actors.Runtime;

/// <summary>The root guardian's parent: stops the root if it fails, and finishes termination when it stops.</summary>
internal sealed class RootSupervisorRef : MinimalActorRef
{
    private readonly ActorSystem _system;

    public RootSupervisorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override ActorSystem? System => _system;

    public override void Tell(object message, IActorRef? sender = null) => _system.DeadLetters.Tell(message, sender);

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.Failed failed:
                RuntimeLog.GuardianFailed(_system.Log, failed.Cause, failed.Child.Path.ToString());
                ((IInternalActorRef)failed.Child).Stop();
                break;
            case SystemMessage.DeathWatchNotification:
                _ = _system.OnRootTerminatedAsync();
                break;
            default:
                base.SendSystemMessage(message);
                break;
        }
    }
}
