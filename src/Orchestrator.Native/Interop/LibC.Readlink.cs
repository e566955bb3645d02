using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // ssize_t readlink(const char *restrict pathname, char *restrict buf, size_t bufsiz);
    // Does not NUL-terminate; a result equal to bufsiz may have been truncated.
    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint Readlink(string path, byte* buffer, nuint size);
}
