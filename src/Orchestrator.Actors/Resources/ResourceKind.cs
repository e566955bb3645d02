namespace Orchestrator.Actors.Resources;

/// <summary>A host-side thing a container owns and teardown must undo.</summary>
public enum ResourceKind
{
    /// <summary>A directory the orchestrator created (undone by removing it when empty).</summary>
    Directory,

    /// <summary>A bind mount under the sandbox's <c>mounts/</c> (undone by umount2 and removing the mount point).</summary>
    Bind,

    /// <summary>A loop device attached to an image file (undone by detaching it).</summary>
    Loop,

    /// <summary>A nydusd rafs instance (undone through nydusd's API).</summary>
    Nydus,
}
