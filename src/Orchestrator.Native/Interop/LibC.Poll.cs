using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    internal const short POLLPRI = 0x002;
    internal const short POLLERR = 0x008;

    // int poll(struct pollfd *fds, nfds_t nfds, int timeout);
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);
}
