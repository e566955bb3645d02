namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The actor's constructor, PreStart or PostRestart threw. The default supervisor strategy stops such an
/// actor rather than restarting it into the same failure.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? cause)
        : base(message, cause)
    {
        Actor = actor;
    }

    public IActorRef? Actor { get; }
}
