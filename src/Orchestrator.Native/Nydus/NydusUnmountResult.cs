namespace Orchestrator.Native.Nydus;

/// <summary>
/// How an unmount of a rafs instance ended. Replay treats everything but an exception as
/// "undone": the daemon said so, the mount point was already gone, or the daemon itself is gone
/// (its socket no longer exists or nobody listens on it), which takes its instances with it.
/// </summary>
public enum NydusUnmountResult
{
    /// <summary>nydusd answered 204: the instance was mounted and is now gone.</summary>
    Unmounted,

    /// <summary>nydusd answered that the mount point does not exist.</summary>
    NotMounted,

    /// <summary>The API socket is missing or refuses connections: no daemon, no instance.</summary>
    DaemonGone,
}
