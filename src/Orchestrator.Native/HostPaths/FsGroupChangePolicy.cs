namespace Orchestrator.Native.HostPaths;

/// <summary>Kubernetes' fsGroupChangePolicy.</summary>
public enum FsGroupChangePolicy
{
    /// <summary>Change ownership of every file on every mount.</summary>
    Always,

    /// <summary>Change ownership only when the volume root does not already match.</summary>
    OnRootMismatch,
}
