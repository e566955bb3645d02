using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Events;

/// <summary>
/// Writes the text/event-stream framing (<c>id:</c>, <c>event:</c>, <c>data:</c>, a blank line) to a
/// response body, flushing each message, and gives every write <see cref="EventStreamOptions.WriteTimeout"/>:
/// a client that stopped reading fills its socket, the flush waits, and the stream is given up
/// (<see cref="EventStreamStalledException"/>) instead of holding its events and a request forever.
/// </summary>
internal sealed class ServerSentEventWriter(Stream body, TimeSpan writeTimeout, CancellationToken aborted)
{
    /// <summary>Messages written, for the stream's closing log line.</summary>
    public long Written { get; private set; }

    public Task EventAsync(EventResponse e) => WriteAsync(Frame(e.Position, e.Type, JsonSerializer.Serialize(e, ApiJson.Options)));

    /// <summary>The last message of a stream the server ends; its id is where to resume.</summary>
    public Task EndAsync(StreamEndResponse end) => WriteAsync(Frame(end.ResumeAfter, end.Type, JsonSerializer.Serialize(end, ApiJson.Options)));

    /// <summary>A comment line: ignored by clients, but it keeps an idle connection visibly alive.</summary>
    public Task CommentAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes($": {text}\n\n"));

    // The JSON is written without indentation and escapes control characters, so 'data:' is one line.
    internal static byte[] Frame(long id, string type, string json) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {id}\nevent: {type}\ndata: {json}\n\n"));

    private async Task WriteAsync(byte[] frame)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(writeTimeout);
        try
        {
            await body.WriteAsync(frame, timeout.Token).ConfigureAwait(false);
            await body.FlushAsync(timeout.Token).ConfigureAwait(false);
            Written++;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            throw new EventStreamStalledException(writeTimeout);
        }
    }
}

/// <summary>A write to an event stream did not finish within the write timeout: the client is not reading.</summary>
internal sealed class EventStreamStalledException(TimeSpan timeout)
    : Exception($"a write to the client did not finish within {timeout.TotalSeconds:0.#}s");
