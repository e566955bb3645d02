namespace Orchestrator.Actors.Runtime;

/// <summary>The name is empty, malformed, starts with <c>$</c>, or belongs to a live sibling.</summary>
public sealed class InvalidActorNameException : Exception
{
    public InvalidActorNameException(string message)
        : base(message)
    {
    }
}
