namespace Orchestrator.Native.HostPaths;

/// <summary>What a container's host mount source is, which decides how the guest gets it.</summary>
public enum HostPathKind
{
    /// <summary>/proc, /sys or below: never shared.</summary>
    System,

    /// <summary>A device node (or /dev itself) under /dev: passed through as a device, not bound.</summary>
    HostDevice,

    /// <summary>A Kubernetes emptyDir on tmpfs: the guest gets its own tmpfs; nothing is shared.</summary>
    EphemeralStorage,

    /// <summary>A Kubernetes emptyDir on disk: bound into the shared directory.</summary>
    HostEmptyDir,

    /// <summary>A Kubernetes configmap volume: bound, possibly watched.</summary>
    ConfigMap,

    /// <summary>A Kubernetes secret volume: bound, possibly watched.</summary>
    Secret,

    /// <summary>A docker volume (/var/lib/docker/volumes/&lt;name&gt;/_data): bound.</summary>
    DockerVolume,

    /// <summary>Any other path: bound.</summary>
    Plain,
}
