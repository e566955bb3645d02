using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // int fchmodat(int dirfd, const char *pathname, mode_t mode, int flags);
    // Called with flags = 0 only: glibc emulates AT_SYMLINK_NOFOLLOW through /proc on old kernels.
    [LibraryImport("libc", EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Fchmodat(SafeHandle dirfd, string path, uint mode, int flags);
}
