using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>
/// Creates and removes directories under the orchestrator's state directory. No component may
/// be a symbolic link: checks use lstat semantics (O_NOFOLLOW), never stat.
/// </summary>
public static class Directories
{
    /// <summary>
    /// Creates <paramref name="path"/> and its missing parents, each created one with exactly
    /// <paramref name="mode"/> (not filtered by the umask). Existing directories keep their mode.
    /// </summary>
    /// <returns>True when the last component was created, false when it existed.</returns>
    /// <exception cref="PathRefusedException">A component is a symlink or not a directory.</exception>
    public static bool EnsureDirectory(string path, UnixFileMode mode)
    {
        var components = PathComponents.SplitAbsolute(path);
        using var handle = NoFollowTree.OpenDirectory("/", components, path, create: true, mode, out var created);
        return created;
    }

    /// <summary>Removes an empty directory; a missing one is <see cref="RemoveOutcome.AlreadyGone"/>.</summary>
    /// <exception cref="PathRefusedException">A component is a symlink or the path is not a directory.</exception>
    /// <exception cref="NativeCallException">ENOTEMPTY and other failures.</exception>
    public static RemoveOutcome RemoveEmptyDirectory(string path)
    {
        var components = PathComponents.SplitAbsolute(path);
        if (components.Count == 0)
        {
            throw new ArgumentException("refusing to remove /", nameof(path));
        }

        return RemoveBeneath("/", components, path, allowFile: false);
    }

    /// <summary>
    /// Removes the empty directory or empty file at <paramref name="components"/> under
    /// <paramref name="root"/>, refusing symlinks anywhere below the root.
    /// </summary>
    internal static RemoveOutcome RemoveBeneath(string root, IReadOnlyList<string> components, string requestedPath, bool allowFile)
    {
        // A root that was never made (a crash between journaling a layout's first directory and
        // creating it) holds nothing to remove; opening it would fail with ENOENT and turn an
        // idempotent undo into a teardown error that no retry can clear.
        if (!Directory.Exists(root))
        {
            return RemoveOutcome.AlreadyGone;
        }

        var parentComponents = components.Take(components.Count - 1).ToArray();
        var name = components[^1];
        using var parent = NoFollowTree.OpenDirectory(root, parentComponents, requestedPath, create: false, default, out _);
        if (parent is null)
        {
            return RemoveOutcome.AlreadyGone;
        }

        var fullPath = requestedPath;
        var opened = NoFollowTree.TryOpen(parent, name, fullPath, requestedPath);
        if (opened is null)
        {
            return RemoveOutcome.AlreadyGone;
        }

        var status = opened.Value.Status;
        opened.Value.Handle.Dispose();

        // Opening a name crosses a mount on it (O_NOFOLLOW concerns symlinks only), so a mount
        // point that is still mounted shows the mounted root: report it busy rather than judge
        // the mounted content.
        if (status.IsMountRoot == true || status.MountId != FileStat.StatHandle(parent, requestedPath).MountId)
        {
            return RemoveOutcome.Busy;
        }

        int flags;
        if (status.IsDirectory)
        {
            flags = LibC.AT_REMOVEDIR;
        }
        else if (status.IsRegularFile && allowFile)
        {
            if (status.Size != 0)
            {
                throw new PathRefusedException(requestedPath, fullPath, PathRefusal.NotEmptyFile);
            }

            flags = 0;
        }
        else
        {
            throw new PathRefusedException(
                requestedPath, fullPath, allowFile ? PathRefusal.UnexpectedType : PathRefusal.NotDirectory);
        }

        // unlinkat does not follow the last component: if it was swapped for a symlink since the
        // check, AT_REMOVEDIR fails with ENOTDIR and a plain unlink removes only the link.
        var result = Sys.Run(() => LibC.Unlinkat(parent, name, flags));
        return result.Errno switch
        {
            Errno.None => RemoveOutcome.Removed,
            Errno.ENOENT => RemoveOutcome.AlreadyGone,
            Errno.EBUSY => RemoveOutcome.Busy,
            _ => throw Sys.Error(result.Errno, "unlinkat", flags == 0 ? "" : "AT_REMOVEDIR", [fullPath]),
        };
    }
}
