using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary><c>struct pollfd</c>: int, short, short on every architecture.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
