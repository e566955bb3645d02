using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>An open file descriptor, closed exactly once.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public FileDescriptorHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    // Linux releases the descriptor even when close returns EINTR, so close is never retried:
    // a retry could close a descriptor another thread has just been given.
    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
