using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // mode_t umask(mode_t mask); always succeeds and returns the previous mask.
    [LibraryImport("libc", EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);
}
