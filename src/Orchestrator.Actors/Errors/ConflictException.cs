namespace Orchestrator.Actors.Errors;

/// <summary>The request contradicts the current state: the id exists, or the target is not in a state that allows it.</summary>
public sealed class ConflictException(string message) : Exception(message);
