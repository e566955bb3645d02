using System.Net.Sockets;
using System.Threading.Channels;

namespace Orchestrator.EndToEnd.Support;

/// <summary>
/// What systemd listens on for <c>Type=notify</c>: a unix datagram socket. Collects every notification
/// (<c>READY=1\nSTATUS=…</c>) in arrival order.
/// </summary>
public sealed class NotifySocket : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public NotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _loop = ReceiveAsync();
    }

    public string Path { get; }

    /// <summary>Every notification so far, in order.</summary>
    public List<string> Seen { get; } = [];

    /// <summary>Waits for the next notification that contains <paramref name="line"/> as one of its lines; null when none came in time.</summary>
    public async Task<string?> WaitForAsync(string line, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cts.Token);
                Seen.Add(message);
                if (message.Split('\n').Contains(line))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The receive loop ends by its socket being closed.
        }

        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            await _received.Writer.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer, 0, length), _stop.Token);
        }
    }
}
