using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>
/// Opens a path once, as an O_PATH descriptor, never following a symlink in any component, so
/// that what is checked next (statx on the descriptor) is what is used after (a mount from the
/// descriptor). A directory swapped for a link at any moment makes the open fail; it can no
/// longer redirect a later use of the path.
/// </summary>
internal static class SafeOpen
{
    /// <summary>
    /// Opens the absolute <paramref name="path"/>, which must contain no symlink: resolve a
    /// client's path first (realpath), then open the result with this. openat2 with
    /// RESOLVE_NO_SYMLINKS where the kernel has it; a walk of O_NOFOLLOW descriptors otherwise.
    /// </summary>
    /// <exception cref="PathRefusedException">A component is a symlink, or a parent is not a directory.</exception>
    /// <exception cref="NativeCallException">Any other failure, ENOENT included.</exception>
    public static (FileDescriptorHandle Handle, FileStatus Status) NoFollow(string path)
    {
        var clean = PathComponents.CleanAbsolute(path);
        PathComponents.CheckNoNul(clean, nameof(path));
        var handle = MountApi.HasOpenat2 ? TryOpenat2(clean) : null;
        if (handle is null)
        {
            return Walk(clean);
        }

        try
        {
            return (handle, FileStat.StatHandle(handle, clean));
        }
        catch (Exception)
        {
            handle.Dispose();
            throw;
        }
    }

    private static unsafe FileDescriptorHandle? TryOpenat2(string path)
    {
        var how = new OpenHow
        {
            Flags = (ulong)(OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC),
            Resolve = LibC.RESOLVE_NO_SYMLINKS | LibC.RESOLVE_NO_MAGICLINKS,
        };
        var pointer = &how;
        var result = Sys.Run(() => LibC.Openat2(LibC.SYS_openat2, LibC.AT_FDCWD, path, pointer, (nuint)sizeof(OpenHow)));
        if (MountApi.LacksOpenat2(result))
        {
            return null;
        }

        if (result.Errno == Errno.ELOOP)
        {
            // RESOLVE_NO_SYMLINKS answers ELOOP for a link in any component; name the path, like the walk.
            throw new PathRefusedException(path, path, PathRefusal.SymbolicLink);
        }

        Sys.Check(result, "openat2", "O_PATH|O_NOFOLLOW|O_CLOEXEC, RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS", [path]);
        return new FileDescriptorHandle((int)result.Value);
    }

    private static (FileDescriptorHandle Handle, FileStatus Status) Walk(string path)
    {
        var components = PathComponents.SplitAbsolute(path);
        if (components.Count == 0)
        {
            var root = NoFollowTree.OpenTrustedDirectory("/");
            return (root, FileStat.StatHandle(root, "/"));
        }

        using var parent = NoFollowTree.OpenDirectory("/", [.. components.Take(components.Count - 1)], path, create: false, 0, out _)
            ?? throw Sys.Error(Errno.ENOENT, "openat", "O_PATH|O_NOFOLLOW", [path]);
        return NoFollowTree.TryOpen(parent, components[^1], path, path)
            ?? throw Sys.Error(Errno.ENOENT, "openat", "O_PATH|O_NOFOLLOW", [path]);
    }
}
