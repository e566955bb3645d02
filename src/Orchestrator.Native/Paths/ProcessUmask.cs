using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>
/// Sets the process's umask for a scope and restores the previous one when disposed. The umask is
/// process-wide: keep the scope short (around creating one file whose mode must be right from
/// its first instant, such as a listening socket).
/// </summary>
public sealed class ProcessUmask : IDisposable
{
    private readonly uint _previous;
    private bool _disposed;

    private ProcessUmask(uint mask)
    {
        _previous = LibC.Umask(mask);
    }

    /// <summary>Sets the umask to <paramref name="mask"/> (the permission bits to clear) until disposed.</summary>
    public static ProcessUmask Set(UnixFileMode mask) => new((uint)mask);

    public void Dispose()
    {
        if (!_disposed)
        {
            LibC.Umask(_previous);
            _disposed = true;
        }
    }
}
