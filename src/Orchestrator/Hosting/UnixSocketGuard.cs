using System.Net.Sockets;

namespace Orchestrator.Hosting;

/// <summary>
/// Makes the socket path usable before Kestrel binds it: creates its directory, refuses when a live
/// server answers on it (two servers on one journal would corrupt each other's view), and removes a
/// socket file left by a process that died without cleaning up.
/// </summary>
internal static class UnixSocketGuard
{
    /// <summary>Returns whether a stale socket file was removed.</summary>
    public static bool Prepare(string socketPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        if (!File.Exists(socketPath))
        {
            return false;
        }

        if ((File.GetAttributes(socketPath) & FileAttributes.Directory) != 0)
        {
            throw new ConfigurationProblemException("Orchestrator:Socket", $"'{socketPath}' is a directory");
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
}
