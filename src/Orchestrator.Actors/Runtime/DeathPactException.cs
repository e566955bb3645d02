namespace Orchestrator.Actors.Runtime;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException : Exception
{
    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor [{deadActor.Path}] terminated")
    {
        DeadActor = deadActor;
    }

    public IActorRef DeadActor { get; }
}
