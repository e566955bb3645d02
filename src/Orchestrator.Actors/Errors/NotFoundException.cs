namespace Orchestrator.Actors.Errors;

/// <summary>No sandbox, container or path by that id.</summary>
public sealed class NotFoundException(string kind, string id)
    : Exception($"{kind} '{id}' not found")
{
    public string Kind { get; } = kind;

    public string Id { get; } = id;
}
