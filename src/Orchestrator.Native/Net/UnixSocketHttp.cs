using System.Net.Sockets;

namespace Orchestrator.Native.Net;

/// <summary>
/// An <see cref="HttpClient"/> whose every connection goes to one unix socket: how the
/// orchestrator talks to nydusd, and how its own CLI talks to the orchestrator. The host part
/// of request URIs only fills the Host header.
/// </summary>
public static class UnixSocketHttp
{
    public static HttpClient Create(string socketPath, TimeSpan timeout, int maxConnections = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        if (!Path.IsPathRooted(socketPath))
        {
            throw new ArgumentException($"socket must be an absolute path, got '{socketPath}'", nameof(socketPath));
        }

        var handler = new SocketsHttpHandler
        {
            // Connecting synchronously keeps HttpClient.Send usable from a thread that must not block on tasks.
            ConnectCallback = (_, _) => ValueTask.FromResult(Connect(socketPath)),
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = timeout };
    }

    private static Stream Connect(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            socket.Dispose();
            throw;
        }
    }
}
