namespace Orchestrator.Native.Mounting;

/// <summary>Renders flags with their C names for messages (<c>MS_BIND|MS_REC</c>).</summary>
public static class MountFlagNames
{
    private static readonly (MountFlags Flag, string Name)[] Names =
    [
        (MountFlags.ReadOnly, "MS_RDONLY"),
        (MountFlags.NoSuid, "MS_NOSUID"),
        (MountFlags.NoDev, "MS_NODEV"),
        (MountFlags.NoExec, "MS_NOEXEC"),
        (MountFlags.Synchronous, "MS_SYNCHRONOUS"),
        (MountFlags.Remount, "MS_REMOUNT"),
        (MountFlags.MandatoryLock, "MS_MANDLOCK"),
        (MountFlags.DirSync, "MS_DIRSYNC"),
        (MountFlags.NoSymFollow, "MS_NOSYMFOLLOW"),
        (MountFlags.NoAtime, "MS_NOATIME"),
        (MountFlags.NoDirAtime, "MS_NODIRATIME"),
        (MountFlags.Bind, "MS_BIND"),
        (MountFlags.Move, "MS_MOVE"),
        (MountFlags.Recursive, "MS_REC"),
        (MountFlags.Silent, "MS_SILENT"),
        (MountFlags.Unbindable, "MS_UNBINDABLE"),
        (MountFlags.Private, "MS_PRIVATE"),
        (MountFlags.Slave, "MS_SLAVE"),
        (MountFlags.Shared, "MS_SHARED"),
        (MountFlags.RelAtime, "MS_RELATIME"),
        (MountFlags.StrictAtime, "MS_STRICTATIME"),
        (MountFlags.LazyTime, "MS_LAZYTIME"),
    ];

    /// <summary><c>MS_BIND|MS_REC</c>; <c>0</c> for no flags; unknown bits as hex.</summary>
    public static string Format(MountFlags flags)
    {
        if (flags == MountFlags.None)
        {
            return "0";
        }

        var parts = new List<string>();
        var rest = flags;
        foreach (var (flag, name) in Names)
        {
            if ((flags & flag) != 0)
            {
                parts.Add(name);
                rest &= ~flag;
            }
        }

        if (rest != 0)
        {
            parts.Add($"0x{(ulong)rest:x}");
        }

        return string.Join('|', parts);
    }

    /// <summary><c>MNT_DETACH|UMOUNT_NOFOLLOW</c>.</summary>
    public static string Format(UnmountFlags flags)
    {
        var parts = new List<string>();
        if ((flags & UnmountFlags.Force) != 0)
        {
            parts.Add("MNT_FORCE");
        }

        if ((flags & UnmountFlags.Detach) != 0)
        {
            parts.Add("MNT_DETACH");
        }

        if ((flags & UnmountFlags.Expire) != 0)
        {
            parts.Add("MNT_EXPIRE");
        }

        if ((flags & UnmountFlags.NoFollow) != 0)
        {
            parts.Add("UMOUNT_NOFOLLOW");
        }

        return parts.Count == 0 ? "0" : string.Join('|', parts);
    }
}
