namespace Orchestrator.Actors.Validation;

/// <summary>One thing wrong with a request: the field (JSON path style, e.g. <c>mounts[2].destination</c>) and why.</summary>
public sealed record ValidationProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
