using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    /// <summary>__NR_mount_setattr, since 5.12.</summary>
    internal const long SYS_mount_setattr = 442;

    internal const ulong MOUNT_ATTR_RDONLY = 0x01;

    // long syscall(SYS_mount_setattr, int dirfd, const char *pathname, unsigned int flags, struct mount_attr *attr, size_t size);
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial long MountSetattr(long number, SafeHandle dirfd, string path, uint flags, MountAttr* attr, nuint size);
}
