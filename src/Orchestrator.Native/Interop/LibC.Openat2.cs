using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    /// <summary>__NR_openat2: one number on every architecture (the unified table), since 5.6.</summary>
    internal const long SYS_openat2 = 437;

    internal const ulong RESOLVE_NO_XDEV = 0x01;
    internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    internal const ulong RESOLVE_NO_SYMLINKS = 0x04;
    internal const ulong RESOLVE_BENEATH = 0x08;

    // long syscall(SYS_openat2, int dirfd, const char *pathname, struct open_how *how, size_t size);
    // glibc has no wrapper before 2.39 (Debian 12 ships 2.36), so the system call is made directly.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial long Openat2(long number, int dirfd, string path, OpenHow* how, nuint size);
}
