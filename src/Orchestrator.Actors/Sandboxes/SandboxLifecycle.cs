namespace Orchestrator.Actors.Sandboxes;

/// <summary>Where a sandbox is in its life, in the order it moves through them.</summary>
public enum SandboxLifecycle
{
    /// <summary>Nothing journaled yet.</summary>
    New,

    /// <summary>The layout is being made; a crash here rolls it back on recovery.</summary>
    Creating,

    /// <summary>The layout is in place; containers can be added.</summary>
    Ready,

    /// <summary>Containers and then the layout are being torn down; a crash here resumes on recovery.</summary>
    Destroying,

    /// <summary>The layout could not be made and was rolled back; holds nothing.</summary>
    Failed,

    /// <summary>Torn down; holds nothing.</summary>
    Destroyed,
}
