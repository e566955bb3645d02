using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>
/// Walks a directory tree one component at a time through O_PATH descriptors opened with
/// O_NOFOLLOW, so a symlink swapped in by a guest is seen as the link itself and refused, and
/// nothing between the check and the use can redirect the walk.
/// </summary>
internal static class NoFollowTree
{
    /// <summary>Opens a trusted directory, following symlinks (the orchestrator's own root).</summary>
    public static FileDescriptorHandle OpenTrustedDirectory(string path)
    {
        var flags = OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC;
        var fd = Sys.Check(() => LibC.Open(path, flags, 0), "open", "O_PATH|O_DIRECTORY|O_CLOEXEC", path);
        return new FileDescriptorHandle((int)fd);
    }

    /// <summary>
    /// Opens <paramref name="name"/> under <paramref name="parent"/> without following it. Returns
    /// null when it does not exist; refuses a symlink.
    /// </summary>
    public static (FileDescriptorHandle Handle, FileStatus Status)? TryOpen(
        FileDescriptorHandle parent, string name, string fullPath, string requestedPath)
    {
        var flags = OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC;
        var result = Sys.Run(() => LibC.OpenAt(parent, name, flags, 0));
        if (result.Errno == Errno.ENOENT)
        {
            return null;
        }

        Sys.Check(result, "openat", "O_PATH|O_NOFOLLOW|O_CLOEXEC", [fullPath]);
        var handle = new FileDescriptorHandle((int)result.Value);
        try
        {
            // O_PATH|O_NOFOLLOW opens a symlink itself (since 2.6.39); its type tells us what we hold.
            var status = FileStat.StatHandle(handle, fullPath);
            if (status.IsSymbolicLink)
            {
                throw new PathRefusedException(requestedPath, fullPath, PathRefusal.SymbolicLink);
            }

            return (handle, status);
        }
        catch (Exception)
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the directory reached by <paramref name="components"/> under <paramref name="root"/>,
    /// refusing symlinks; creates missing directories with <paramref name="mode"/> when asked.
    /// Returns null when a component is missing and <paramref name="create"/> is false.
    /// </summary>
    public static FileDescriptorHandle? OpenDirectory(
        string root, IReadOnlyList<string> components, string requestedPath, bool create, UnixFileMode mode, out bool createdLast)
    {
        createdLast = false;
        var current = OpenTrustedDirectory(root);
        var currentPath = root.TrimEnd('/');
        foreach (var name in components)
        {
            var childPath = currentPath + "/" + name;
            var created = false;
            (FileDescriptorHandle Handle, FileStatus Status)? next;
            try
            {
                next = TryOpen(current, name, childPath, requestedPath);
                if (next is null && create)
                {
                    created = MakeDirectory(current, name, childPath, mode);
                    next = TryOpen(current, name, childPath, requestedPath);
                }
            }
            finally
            {
                // Also on a refusal: a descriptor left open would keep its mount busy until finalised.
                current.Dispose();
            }

            if (next is null)
            {
                return null;
            }

            if (!next.Value.Status.IsDirectory)
            {
                next.Value.Handle.Dispose();
                throw new PathRefusedException(requestedPath, childPath, PathRefusal.NotDirectory);
            }

            current = next.Value.Handle;
            currentPath = childPath;
            createdLast = created;
        }

        return current;
    }

    /// <summary>mkdirat, then the exact mode (mkdir's mode is filtered by the umask). False when it already existed.</summary>
    public static bool MakeDirectory(FileDescriptorHandle parent, string name, string fullPath, UnixFileMode mode)
    {
        var result = Sys.Run(() => LibC.Mkdirat(parent, name, (uint)mode));
        if (result.Errno == Errno.EEXIST)
        {
            return false;
        }

        Sys.Check(result, "mkdirat", "", [fullPath]);
        Sys.Check(() => LibC.Fchmodat(parent, name, (uint)mode, 0), "fchmodat", "", fullPath);
        return true;
    }
}
