using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>struct loop_info64: fixed-size fields, the same on every architecture (232 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LoopInfo64
{
    public ulong Device;
    public ulong Inode;
    public ulong Rdevice;
    public ulong Offset;
    public ulong SizeLimit;
    public uint Number;
    public uint EncryptType;
    public uint EncryptKeySize;
    public uint Flags;
    public fixed byte FileName[LoopIoctls.LO_NAME_SIZE];
    public fixed byte CryptName[LoopIoctls.LO_NAME_SIZE];
    public fixed byte EncryptKey[32];
    public fixed ulong Init[2];
}
