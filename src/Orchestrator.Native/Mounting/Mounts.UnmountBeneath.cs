using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Mounting;

public static partial class Mounts
{
    /// <summary>
    /// Unmounts <paramref name="target"/>, which must be below <paramref name="root"/>, without
    /// ever following a link below the root: the parent is opened by a walk of O_NOFOLLOW
    /// descriptors, and <c>umount2("/proc/self/fd/&lt;parent&gt;/&lt;name&gt;", UMOUNT_NOFOLLOW)</c>
    /// names the mount through that descriptor. UMOUNT_NOFOLLOW alone covers only the last
    /// component of a path: a parent swapped for a link after a check would redirect the unmount
    /// to a mount outside the run dir.
    /// </summary>
    /// <returns>Unmounted; NotMounted when nothing is mounted there or the path is gone; Busy (EBUSY).</returns>
    /// <exception cref="PathRefusedException">A symlink stands below the root (a guest may have planted it); nothing was done.</exception>
    public static UnmountOutcome UnmountBeneath(string root, string target, bool detach = false)
    {
        RequireAbsolute(root, nameof(root));
        RequireAbsolute(target, nameof(target));
        var cleanRoot = PathComponents.CleanAbsolute(root);
        var cleanTarget = PathComponents.CleanAbsolute(target);
        if (!PathComponents.IsAtOrBelow(cleanTarget, cleanRoot))
        {
            throw new ArgumentException($"'{target}' is not below '{root}'", nameof(target));
        }

        if (cleanTarget == cleanRoot)
        {
            // The root is the caller's own, trusted directory: nothing below it is walked.
            return Unmount(cleanTarget, detach);
        }

        var components = PathComponents.SplitAbsolute(cleanTarget).Skip(PathComponents.SplitAbsolute(cleanRoot).Count).ToArray();
        using var parent = NoFollowTree.OpenDirectory(cleanRoot, components[..^1], cleanTarget, create: false, 0, out _);
        if (parent is null)
        {
            return UnmountOutcome.NotMounted;
        }

        var name = components[^1];
        var child = NoFollowTree.TryOpen(parent, name, cleanTarget, cleanTarget);
        if (child is null)
        {
            return UnmountOutcome.NotMounted;
        }

        child.Value.Handle.Dispose();
        var flags = UnmountFlags.NoFollow | (detach ? UnmountFlags.Detach : UnmountFlags.None);
        var path = MountApi.ProcFdPath(parent) + "/" + name;
        var result = Sys.Run(() => LibC.Umount2(path, (int)flags));
        return result.Errno switch
        {
            Errno.None => UnmountOutcome.Unmounted,
            Errno.EINVAL or Errno.ENOENT => UnmountOutcome.NotMounted,
            Errno.EBUSY => UnmountOutcome.Busy,
            _ => throw Sys.Error(result.Errno, "umount2", MountFlagNames.Format(flags), [cleanTarget, path], ["target", "through"]),
        };
    }
}
