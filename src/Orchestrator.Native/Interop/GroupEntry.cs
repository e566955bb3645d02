using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>
/// <c>struct group</c> from grp.h: name, password, gid, member list. Pointers and a gid_t in this order on
/// every Linux ABI, so a sequential layout with native-sized pointers matches it on 32 and 64 bits.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GroupEntry
{
    public nint Name;
    public nint Password;
    public uint Gid;
    public nint Members;
}
