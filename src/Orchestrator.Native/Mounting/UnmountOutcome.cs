namespace Orchestrator.Native.Mounting;

/// <summary>How an unmount ended when it did not fail.</summary>
public enum UnmountOutcome
{
    /// <summary>The mount was removed.</summary>
    Unmounted,

    /// <summary>EINVAL or ENOENT: nothing is mounted there (already undone, or a symlink that was not followed).</summary>
    NotMounted,

    /// <summary>EBUSY: in use or has submounts; retry with backoff, and only then consider a lazy detach.</summary>
    Busy,
}
