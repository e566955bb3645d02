namespace Orchestrator.Actors.Resources;

/// <summary>Why a sandbox or container owns a resource; decides where it shows up in the guest plan.</summary>
public enum ResourceRole
{
    /// <summary>A directory or mount of the sandbox's own layout (root, mounts/, shared/, private/).</summary>
    SandboxLayout,

    /// <summary>The container's own directory under <c>mounts/</c>.</summary>
    ContainerDir,

    Rootfs,

    /// <summary>nydus upper/work dirs bound next to the rafs rootfs.</summary>
    SnapshotDir,

    /// <summary>An OCI mount (volume) bound into the shared directory.</summary>
    HostMount,

    /// <summary>A direct-assigned block volume attached through a loop device.</summary>
    Volume,

    /// <summary>A path hot-added while the container runs.</summary>
    HotPath,
}
