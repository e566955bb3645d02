namespace Orchestrator.Cli;

/// <summary>One message of a text/event-stream: its <c>id</c>, <c>event</c> and <c>data</c> fields.</summary>
public sealed record ServerSentEvent(string? Id, string Event, string Data);

/// <summary>
/// Reads text/event-stream messages as the HTML standard defines them: <c>field: value</c> lines up
/// to a blank line, <c>data</c> lines joined by newlines, comment lines (<c>:</c>) skipped, and the
/// event type <c>message</c> when none is given.
/// </summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string? id = null;
        string? type = null;
        List<string> data = [];
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0 || type is not null)
                {
                    yield return new ServerSentEvent(id, type ?? "message", string.Join('\n', data));
                }

                (id, type, data) = (null, null, []);
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
            }
        }
    }
}
