using System.Net.Sockets;
using Orchestrator.Native.Paths;

namespace Orchestrator.Hosting;

/// <summary>
/// Makes the socket path usable before Kestrel binds it: creates its directory (0750, whatever the
/// umask), refuses when a live server answers on it (two servers on one journal would corrupt each
/// other's view), removes a socket file left by a process that died without cleaning up, and
/// refuses any other kind of file there: the setting once deleted whatever it named, a journal included.
/// </summary>
internal static class UnixSocketGuard
{
    /// <summary>Owner all, group read and search: the run dir and the socket's directory.</summary>
    public const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    // 0777: the bits a umask can clear.
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    /// <summary>Returns whether a stale socket file was removed.</summary>
    public static bool Prepare(string socketPath)
    {
        CreateDirectories(Path.GetDirectoryName(socketPath)!, DirectoryMode);
        var info = new FileInfo(socketPath);
        if (!info.Exists && !Directory.Exists(socketPath) && info.LinkTarget is null)
        {
            return false;
        }

        // Unix domain sockets report neither as a directory nor as a link; anything else is not ours to delete.
        if (info.LinkTarget is not null || (info.Attributes & FileAttributes.Directory) != 0 || !IsSocket(socketPath))
        {
            throw new ConfigurationProblemException(
                "Orchestrator:Socket", $"'{socketPath}' exists and is not a socket; refusing to delete it (remove it yourself or choose another path)");
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(socketPath));
                throw new InvalidOperationException($"another server is listening on {socketPath}; refusing to start a second one");
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AccessDenied)
            {
                // Nobody accepts on it: the file is what a dead process left behind.
            }
        }

        File.Delete(socketPath);
        return true;
    }

    /// <summary>
    /// A scope in which a socket is born with <paramref name="mode"/> (bind(2) creates the file with
    /// 0777 &amp; ~umask), never connectable by others, not even between bind(2) and the chgrp and chmod that
    /// follow. Wrap the call that makes Kestrel bind (the host's StartAsync).
    /// </summary>
    public static IDisposable RestrictSocketMode(UnixFileMode mode) =>
        ProcessUmask.Set(~mode & PermissionBits);

    /// <summary>Creates <paramref name="path"/> and its missing parents, each created one with exactly <paramref name="mode"/>; existing ones are left alone.</summary>
    public static void CreateDirectories(string path, UnixFileMode mode)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(path); !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory);

            // mkdir's mode is filtered by the umask, which may be permissive (0000): set it exactly.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory, mode);
            }
        }
    }

    private static bool IsSocket(string path) => FileStat.Lstat(path).Type == FileType.Socket;
}
