namespace Orchestrator.Actors.Errors;

/// <summary>The journal could not record a step; the actor stopped rather than guess state it did not persist.</summary>
public sealed class JournalUnavailableException(string persistenceId, Exception cause)
    : Exception($"journal unavailable for {persistenceId}: {cause.Message}", cause)
{
    public string PersistenceId { get; } = persistenceId;
}
