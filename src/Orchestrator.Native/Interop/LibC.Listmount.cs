using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    /// <summary>__NR_listmount: one number on every architecture (the unified table), since 6.8.</summary>
    internal const long SYS_listmount = 458;

    /// <summary>__NR_statmount, since 6.8.</summary>
    internal const long SYS_statmount = 457;

    /// <summary>As mnt_id_req.mnt_id of listmount: the root mount of the caller's namespace.</summary>
    internal const ulong LSMT_ROOT = 0xffffffffffffffff;

    internal const ulong STATMOUNT_MNT_BASIC = 0x02;
    internal const ulong STATMOUNT_MNT_POINT = 0x10;
    internal const ulong STATMOUNT_FS_TYPE = 0x20;

    // ssize_t syscall(SYS_listmount, struct mnt_id_req *req, u64 *mnt_ids, size_t nr_mnt_ids, unsigned int flags);
    // glibc has no wrapper (listmount(2)).
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static unsafe partial long Listmount(long number, MntIdReq* request, ulong* ids, nuint count, uint flags);

    // int syscall(SYS_statmount, struct mnt_id_req *req, struct statmount *buf, size_t bufsize, unsigned int flags);
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static unsafe partial long Statmount(long number, MntIdReq* request, byte* buffer, nuint size, uint flags);
}
