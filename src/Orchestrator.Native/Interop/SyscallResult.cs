namespace Orchestrator.Native.Interop;

/// <summary>What a libc call returned: its value, or <c>-1</c> with the errno it left.</summary>
internal readonly record struct SyscallResult(long Value, Errno Errno)
{
    public bool Failed => Errno != Errno.None;
}
