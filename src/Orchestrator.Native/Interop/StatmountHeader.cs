using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>
/// The fixed part of <c>struct statmount</c> (linux/mount.h): 512 bytes, then <c>char str[]</c>,
/// where each string field is an offset of a NUL-terminated string from <see cref="StringsOffset"/>.
/// Only the fields the native layer reads are declared.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = StringsOffset)]
internal struct StatmountHeader
{
    public const int StringsOffset = 512;

    /// <summary>Total size written, strings included.</summary>
    [FieldOffset(0)] public uint Size;

    /// <summary>The STATMOUNT_* groups the kernel filled.</summary>
    [FieldOffset(8)] public ulong Mask;

    /// <summary>[str] file system type.</summary>
    [FieldOffset(36)] public uint FsType;

    /// <summary>Unique id of the mount.</summary>
    [FieldOffset(40)] public ulong MountId;

    /// <summary>Unique id of its parent (its own id for the namespace's root).</summary>
    [FieldOffset(48)] public ulong ParentId;

    /// <summary>[str] mount point relative to the caller's root, not escaped.</summary>
    [FieldOffset(108)] public uint MountPoint;
}
