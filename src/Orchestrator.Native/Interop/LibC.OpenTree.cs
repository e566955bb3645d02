using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    /// <summary>__NR_open_tree, since 5.2.</summary>
    internal const long SYS_open_tree = 428;

    internal const uint OPEN_TREE_CLONE = 1;
    internal const uint OPEN_TREE_CLOEXEC = 0x80000;

    /// <summary>With open_tree and mount_setattr: the whole subtree, not just the top mount.</summary>
    internal const uint AT_RECURSIVE = 0x8000;

    // long syscall(SYS_open_tree, int dirfd, const char *pathname, unsigned int flags);
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long OpenTree(long number, SafeHandle dirfd, string path, uint flags);
}
