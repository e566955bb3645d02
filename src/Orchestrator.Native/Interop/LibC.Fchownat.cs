using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // int fchownat(int dirfd, const char *pathname, uid_t owner, gid_t group, int flags);
    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Fchownat(int dirfd, string path, uint owner, uint group, int flags);
}
