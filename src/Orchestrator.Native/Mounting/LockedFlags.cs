namespace Orchestrator.Native.Mounting;

/// <summary>
/// The per-mount flags a bind remount must repeat (pure). A remount replaces every per-mount
/// flag: when a mount was copied into a less privileged user namespace the kernel locks
/// nosuid, nodev, noexec and the atime flags (MNT_LOCK_*), and a remount that drops one fails
/// with EPERM; in the initial namespace it silently clears them instead. runc reads them back
/// with statfs for the same reason.
/// </summary>
public static class LockedFlags
{
    /// <summary>The flags to keep, from mountinfo field (6) (<c>rw,nosuid,nodev,relatime</c>).</summary>
    public static MountFlags FromOptions(IReadOnlyList<string> perMountOptions)
    {
        ArgumentNullException.ThrowIfNull(perMountOptions);
        var flags = MountFlags.None;
        foreach (var option in perMountOptions)
        {
            flags |= option switch
            {
                "nosuid" => MountFlags.NoSuid,
                "nodev" => MountFlags.NoDev,
                "noexec" => MountFlags.NoExec,
                "noatime" => MountFlags.NoAtime,
                "nodiratime" => MountFlags.NoDirAtime,
                "relatime" => MountFlags.RelAtime,
                _ => MountFlags.None,
            };
        }

        // mountinfo shows no atime word for strictatime. path_mount keeps the old atime mode when a
        // remount names none, but naming it makes the request independent of that rule.
        if ((flags & (MountFlags.NoAtime | MountFlags.RelAtime)) == 0)
        {
            flags |= MountFlags.StrictAtime;
        }

        return flags;
    }
}
