using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>
/// <c>struct mnt_id_req</c> (linux/mount.h) as first published, MNT_ID_REQ_SIZE_VER0 = 24 bytes;
/// 6.11 appended mnt_ns_id (VER1), which the kernel leaves at "the caller's namespace" when the
/// size says VER0. <see cref="MountId"/> is a 64-bit unique id (STATX_MNT_ID_UNIQUE): the kernel
/// looks mounts up by that id only, never by the reused 32-bit id mountinfo prints.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MntIdReq
{
    public const uint SizeVer0 = 24;

    public uint Size;
    public uint Spare;
    public ulong MountId;

    /// <summary>statmount: the STATMOUNT_* mask wanted; listmount: the last id already listed (0 to start).</summary>
    public ulong Param;
}
