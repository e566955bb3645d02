using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // char *realpath(const char *path, char *resolved_path);
    // With resolved_path = NULL the result is malloc'ed (POSIX.1-2008) and must be freed.
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint Realpath(string path, nint resolved);
}
