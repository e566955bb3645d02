using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>struct loop_config, the LOOP_CONFIGURE argument (304 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LoopConfig
{
    public uint Fd;
    public uint BlockSize;
    public LoopInfo64 Info;
    public fixed ulong Reserved[8];
}
