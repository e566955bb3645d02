namespace Orchestrator.Actors.Containers;

/// <summary>Where a container is in its life, in the order it moves through them.</summary>
public enum ContainerLifecycle
{
    /// <summary>Nothing journaled yet: the actor exists but no create was accepted.</summary>
    New,

    /// <summary>The create was accepted and its steps are running; a crash here rolls back on recovery.</summary>
    Creating,

    /// <summary>Every resource is in place; the plan has been handed out.</summary>
    Running,

    /// <summary>Resources are being undone in reverse order; a crash here resumes on recovery.</summary>
    TearingDown,

    /// <summary>Creation failed or was interrupted and has been rolled back; holds nothing, kept for the record.</summary>
    Failed,

    /// <summary>Torn down; holds nothing.</summary>
    Destroyed,
}
