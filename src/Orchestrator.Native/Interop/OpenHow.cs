using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary><c>struct open_how</c> (linux/openat2.h): three u64 fields, 24 bytes on every architecture.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenHow
{
    public ulong Flags;
    public ulong Mode;
    public ulong Resolve;
}
