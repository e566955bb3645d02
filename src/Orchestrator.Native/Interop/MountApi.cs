namespace Orchestrator.Native.Interop;

/// <summary>
/// Which of the descriptor-based calls this kernel has. Each is assumed present until it answers
/// ENOSYS once; from then on the fallback runs. openat2 exists since 5.6, open_tree and
/// move_mount since 5.2, mount_setattr since 5.12, listmount, statmount and unique mount ids
/// (STATX_MNT_ID_UNIQUE) since 6.8.
/// </summary>
internal static class MountApi
{
    private static volatile bool _noOpenat2;
    private static volatile bool _noMountApi;
    private static volatile bool _noMountSetattr;
    private static volatile bool _noListmount;

    /// <summary>Tests set this to run the fallbacks (component walks, <c>/proc/self/fd/N</c> paths, per-mount remounts, the parsed mountinfo table) on a kernel that has the new calls.</summary>
    internal static bool ForceLegacy { get; set; }

    public static bool HasOpenat2 => !ForceLegacy && !_noOpenat2;

    public static bool HasOpenTree => !ForceLegacy && !_noMountApi;

    public static bool HasMountSetattr => !ForceLegacy && !_noMountSetattr;

    /// <summary>listmount, statmount and the unique mount ids they take.</summary>
    public static bool HasListmount => !ForceLegacy && !_noListmount;

    /// <summary>True (and remembered) when <paramref name="result"/> says the kernel lacks the call.</summary>
    public static bool LacksOpenat2(SyscallResult result) => result.Errno == Errno.ENOSYS && (_noOpenat2 = true);

    public static bool LacksOpenTree(SyscallResult result) => result.Errno == Errno.ENOSYS && (_noMountApi = true);

    public static bool LacksMountSetattr(SyscallResult result) => result.Errno == Errno.ENOSYS && (_noMountSetattr = true);

    public static bool LacksListmount(SyscallResult result) => result.Errno == Errno.ENOSYS && (_noListmount = true);

    /// <summary>statx answered without STATX_MNT_ID_UNIQUE (before 6.8): there is no id to give statmount.</summary>
    public static void NoUniqueMountIds() => _noListmount = true;

    /// <summary>The path through which the kernel reaches exactly the file <paramref name="handle"/> refers to.</summary>
    public static string ProcFdPath(FileDescriptorHandle handle) => "/proc/self/fd/" + handle.Fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
