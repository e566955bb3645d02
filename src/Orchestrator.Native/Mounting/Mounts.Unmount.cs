using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Mounting;

public static partial class Mounts
{
    /// <summary>
    /// <c>umount2(target, UMOUNT_NOFOLLOW [| MNT_DETACH])</c>. A symlink at <paramref name="target"/>
    /// is never followed (a guest may have planted it): the kernel then sees no mount root and
    /// answers EINVAL, reported as <see cref="UnmountOutcome.NotMounted"/>.
    /// </summary>
    /// <param name="target">The mount point.</param>
    /// <param name="detach">MNT_DETACH: a lazy unmount; use only after retrying <see cref="UnmountOutcome.Busy"/>.</param>
    /// <exception cref="NativeCallException">Any errno other than EINVAL, ENOENT and EBUSY.</exception>
    public static UnmountOutcome Unmount(string target, bool detach = false)
    {
        RequireAbsolute(target, nameof(target));
        var flags = UnmountFlags.NoFollow | (detach ? UnmountFlags.Detach : UnmountFlags.None);
        var result = Sys.Run(() => LibC.Umount2(target, (int)flags));
        return result.Errno switch
        {
            Errno.None => UnmountOutcome.Unmounted,
            Errno.EINVAL or Errno.ENOENT => UnmountOutcome.NotMounted,
            Errno.EBUSY => UnmountOutcome.Busy,
            _ => throw Sys.Error(result.Errno, "umount2", MountFlagNames.Format(flags), [target], ["target"]),
        };
    }

    /// <summary>
    /// Removes the emptied mount point <paramref name="relative"/> under <paramref name="root"/>:
    /// an empty directory or an empty file. No component below the root may be a symlink
    /// (checked with lstat semantics through O_NOFOLLOW, so a swapped-in link is never followed).
    /// </summary>
    /// <returns>Removed; AlreadyGone for a missing path; Busy (EBUSY) when it is still a mount point.</returns>
    /// <exception cref="PathRefusedException">A symlink below the root, a non-empty file or another file type.</exception>
    /// <exception cref="NativeCallException">ENOTEMPTY for a non-empty directory, and other failures.</exception>
    public static RemoveOutcome SafeRemoveMountPoint(string root, string relative)
    {
        RequireAbsolute(root, nameof(root));
        var components = PathComponents.SplitRelative(relative);
        if (components.Count == 0)
        {
            throw new ArgumentException("the mount point must be below the root, not the root itself", nameof(relative));
        }

        var fullPath = PathComponents.CleanAbsolute(root + "/" + string.Join('/', components));
        return Directories.RemoveBeneath(root, components, fullPath, allowFile: true);
    }
}
