using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    /// <summary>New mount namespace. unshare(CLONE_NEWNS) implies CLONE_FS.</summary>
    internal const int CLONE_NEWNS = 0x00020000;

    // int unshare(int flags);
    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);
}
