namespace Orchestrator.Actors.Failpoints;

/// <summary>Injected by a failpoint configured with <c>error</c>.</summary>
public sealed class FailpointException(string name) : Exception($"failpoint '{name}' injected an error")
{
    public string Name { get; } = name;
}
