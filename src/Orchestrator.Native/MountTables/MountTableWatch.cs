using Orchestrator.Native.Interop;

namespace Orchestrator.Native.MountTables;

/// <summary>
/// Tells whether a mount namespace's table changed since the last look, without reading it. An
/// open mountinfo file remembers the namespace's event count; poll(2) reports POLLPRI|POLLERR when
/// a mount or unmount moved it since and remembers the new count (proc(5), since 2.6.15). The
/// namespace is the one the file was opened in: open it on the thread whose table it watches.
/// </summary>
public sealed class MountTableWatch : IDisposable
{
    private readonly FileDescriptorHandle _file;

    private MountTableWatch(FileDescriptorHandle file) => _file = file;

    /// <summary>Watches the calling thread's mount namespace; the first <see cref="Changed"/> reports changes after this call.</summary>
    public static MountTableWatch OpenThread()
    {
        var flags = OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC;
        var fd = Sys.Check(() => LibC.Open(MountInfo.ThreadPath, flags, 0), "open", "O_RDONLY|O_CLOEXEC", MountInfo.ThreadPath);
        return new MountTableWatch(new FileDescriptorHandle((int)fd));
    }

    /// <summary>
    /// True when the table changed since the previous call (or since the watch was opened). Asking
    /// resets it: a caller that reads the table after a true answer sees every change made before it.
    /// </summary>
    public unsafe bool Changed()
    {
        ObjectDisposedException.ThrowIf(_file.IsClosed, this);
        var poll = new PollFd { Fd = _file.Fd, Events = LibC.POLLPRI };
        var pointer = &poll;
        Sys.Check(() => LibC.Poll(pointer, 1, 0), "poll", "POLLPRI", MountInfo.ThreadPath);
        return (poll.Revents & (LibC.POLLPRI | LibC.POLLERR)) != 0;
    }

    public void Dispose() => _file.Dispose();
}
