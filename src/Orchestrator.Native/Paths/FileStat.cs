using System.Runtime.InteropServices;
using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>stat and lstat semantics through statx, and realpath.</summary>
public static class FileStat
{
    // STATX_ATTR_MOUNT_ROOT: the file is the root of a mount; since 5.8.
    private const ulong StatxAttrMountRoot = 0x2000;

    /// <summary>stat(2): follows a symlink in the last component.</summary>
    public static FileStatus Stat(string path) => Get(path, followLastSymlink: true);

    /// <summary>lstat(2): reports a symlink in the last component as the link itself.</summary>
    public static FileStatus Lstat(string path) => Get(path, followLastSymlink: false);

    /// <summary>lstat(2) that answers false for a missing path (ENOENT or ENOTDIR) instead of throwing.</summary>
    public static bool TryLstat(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FileStatus? status)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var result = Run(path, LibC.AT_SYMLINK_NOFOLLOW | LibC.AT_NO_AUTOMOUNT, out var buffer);
        if (result.Errno is Errno.ENOENT or Errno.ENOTDIR)
        {
            status = null;
            return false;
        }

        Sys.Check(result, "statx", "AT_SYMLINK_NOFOLLOW", [path]);
        status = ToStatus(buffer);
        return true;
    }

    /// <summary>realpath(3): the absolute path with every symlink, <c>.</c> and <c>..</c> resolved; the path must exist.</summary>
    public static string RealPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        nint resolved = 0;
        // realpath reports failure with NULL, not -1.
        Sys.Check(() => (resolved = LibC.Realpath(path, 0)) == 0 ? -1 : 0, "realpath", "", path);
        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            // glibc's realpath allocates with malloc; NativeMemory.Free is free(3).
            unsafe
            {
                NativeMemory.Free((void*)resolved);
            }
        }
    }

    /// <summary>
    /// The unique id (STATX_MNT_ID_UNIQUE) of the mount holding <paramref name="path"/> and whether
    /// the path is that mount's root (STATX_ATTR_MOUNT_ROOT); null when the path does not exist.
    /// The id is null when the kernel has no unique ids (before 6.8).
    /// </summary>
    internal static unsafe (ulong? UniqueId, bool? IsMountRoot)? MountOf(string path, bool followLastSymlink)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        StatxBuffer buffer;
        var pointer = &buffer;
        var flags = LibC.AT_NO_AUTOMOUNT | (followLastSymlink ? 0 : LibC.AT_SYMLINK_NOFOLLOW);
        var result = Sys.Run(() => LibC.Statx(LibC.AT_FDCWD, path, flags, LibC.STATX_MNT_ID_UNIQUE, pointer));
        if (result.Errno is Errno.ENOENT or Errno.ENOTDIR)
        {
            return null;
        }

        Sys.Check(result, "statx", "STATX_MNT_ID_UNIQUE" + (followLastSymlink ? "" : ", AT_SYMLINK_NOFOLLOW"), [path]);
        var status = ToStatus(buffer);
        return ((buffer.Mask & LibC.STATX_MNT_ID_UNIQUE) != 0 ? buffer.MountId : null, status.IsMountRoot);
    }

    internal static unsafe FileStatus StatHandle(FileDescriptorHandle handle, string pathForErrors)
    {
        StatxBuffer buffer;
        var pointer = &buffer;
        var mask = LibC.STATX_BASIC_STATS | LibC.STATX_MNT_ID;
        Sys.Check(
            Sys.Run(() => LibC.Statx(handle, "", LibC.AT_EMPTY_PATH | LibC.AT_SYMLINK_NOFOLLOW, mask, pointer)),
            "statx", "AT_EMPTY_PATH", [pathForErrors]);
        return ToStatus(buffer);
    }

    private static FileStatus Get(string path, bool followLastSymlink)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var flags = LibC.AT_NO_AUTOMOUNT | (followLastSymlink ? 0 : LibC.AT_SYMLINK_NOFOLLOW);
        var result = Run(path, flags, out var buffer);
        Sys.Check(result, "statx", followLastSymlink ? "" : "AT_SYMLINK_NOFOLLOW", [path]);
        return ToStatus(buffer);
    }

    private static unsafe SyscallResult Run(string path, int flags, out StatxBuffer buffer)
    {
        StatxBuffer local;
        var pointer = &local;
        var mask = LibC.STATX_BASIC_STATS | LibC.STATX_MNT_ID;
        var result = Sys.Run(() => LibC.Statx(LibC.AT_FDCWD, path, flags, mask, pointer));
        buffer = local;
        return result;
    }

    private static FileStatus ToStatus(in StatxBuffer buffer)
    {
        var hasMountRoot = (buffer.AttributesMask & StatxAttrMountRoot) != 0;
        return new FileStatus(
            Type: (FileType)(buffer.Mode & 0xF000),
            Permissions: (UnixFileMode)(buffer.Mode & 0xFFF),
            Uid: buffer.Uid,
            Gid: buffer.Gid,
            Size: buffer.Size,
            Inode: buffer.Inode,
            DeviceMajor: buffer.DevMajor,
            DeviceMinor: buffer.DevMinor,
            RdevMajor: buffer.RdevMajor,
            RdevMinor: buffer.RdevMinor,
            MountId: (buffer.Mask & LibC.STATX_MNT_ID) != 0 ? (long)buffer.MountId : null,
            IsMountRoot: hasMountRoot ? (buffer.Attributes & StatxAttrMountRoot) != 0 : null);
    }
}
