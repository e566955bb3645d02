namespace Orchestrator.Actors.Containers;

/// <summary>How a container's root filesystem reaches the guest.</summary>
public enum RootfsKind
{
    /// <summary>A host directory bound into the sandbox's shared directory.</summary>
    Bind,

    /// <summary>A block device, or an image file attached through a loop device, hot-plugged into the VM.</summary>
    Block,

    /// <summary>A nydusd rafs instance of the bootstrap, plus the snapshot dir bound into the shared directory.</summary>
    Nydus,
}
