namespace Orchestrator.Actors.Runtime;

/// <summary>Conventional replies: an <c>Ask</c> answered with <see cref="Failure"/> faults with its cause.</summary>
public abstract record Status
{
    private Status()
    {
    }

    public sealed record Success(object? Status) : global::Orchestrator.Actors.Runtime.Status;

    public sealed record Failure(Exception Cause) : global::Orchestrator.Actors.Runtime.Status;
}
