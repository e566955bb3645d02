using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int AT_REMOVEDIR = 0x200;
    internal const int AT_NO_AUTOMOUNT = 0x800;
    internal const int AT_EMPTY_PATH = 0x1000;

    internal const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>stx_mnt_id is filled; since 5.8.</summary>
    internal const uint STATX_MNT_ID = 0x1000;

    /// <summary>
    /// stx_mnt_id is the 64-bit unique id statmount and listmount take, never reused; since 6.8.
    /// Asked together with STATX_MNT_ID it wins: the field holds one or the other.
    /// </summary>
    internal const uint STATX_MNT_ID_UNIQUE = 0x4000;

    // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf);
    // glibc wraps it since 2.28; the kernel has it since 4.11.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(SafeHandle dirfd, string path, int flags, uint mask, StatxBuffer* buffer);
}
