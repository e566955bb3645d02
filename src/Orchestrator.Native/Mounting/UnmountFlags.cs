namespace Orchestrator.Native.Mounting;

/// <summary>umount2(2) flags.</summary>
[Flags]
public enum UnmountFlags
{
    None = 0,
    Force = 1,
    Detach = 2,
    Expire = 4,

    /// <summary>UMOUNT_NOFOLLOW: do not follow a symlink in the target; since 2.6.34.</summary>
    NoFollow = 8,
}
