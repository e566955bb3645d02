using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary><c>struct mount_attr</c> (linux/mount.h, MOUNT_ATTR_SIZE_VER0 = 32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MountAttr
{
    public ulong AttrSet;
    public ulong AttrClr;
    public ulong Propagation;
    public ulong UsernsFd;
}
