namespace Orchestrator.Actors.Runtime;

/// <summary>Raised inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : Exception
{
    public ActorKilledException(string message)
        : base(message)
    {
    }
}
