using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // int unlinkat(int dirfd, const char *pathname, int flags);
    // Never follows a symlink in the last component: with AT_REMOVEDIR a symlink is ENOTDIR,
    // without it the link itself is removed.
    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unlinkat(SafeHandle dirfd, string path, int flags);
}
