using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    /// <summary>__NR_move_mount, since 5.2.</summary>
    internal const long SYS_move_mount = 429;

    internal const uint MOVE_MOUNT_F_EMPTY_PATH = 0x04;
    internal const uint MOVE_MOUNT_T_EMPTY_PATH = 0x40;

    // long syscall(SYS_move_mount, int from_dirfd, const char *from_path, int to_dirfd, const char *to_path, unsigned int flags);
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long MoveMount(long number, SafeHandle fromDirfd, string fromPath, SafeHandle toDirfd, string toPath, uint flags);
}
