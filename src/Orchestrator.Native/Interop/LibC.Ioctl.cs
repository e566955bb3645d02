using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // int ioctl(int fd, unsigned long request, ...);
    // The variadic argument is passed like a fixed one on x86_64 and arm64 Linux, so two
    // fixed-signature imports cover the integer and the pointer forms.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlValue(SafeHandle fd, nuint request, nint argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int IoctlPointer(SafeHandle fd, nuint request, void* argument);
}
