using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Native.Net;

namespace Orchestrator.Cli;

/// <summary>
/// <c>orchestrator events [--sandbox ID] [--after POSITION]</c>: follows <c>GET /v1/events</c> until
/// Ctrl-C, one line per event (the event's JSON with <c>--json</c>). When the connection drops, the
/// server stops or drops the client, it reconnects with the last position it printed, so nothing is
/// missed or printed twice.
/// </summary>
public static class EventCommands
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);
    private static readonly HashSet<string> Shown = ["type", "position", "time", "sandboxId", "containerId"];

    public static Command Build()
    {
        var sandbox = new Option<string?>("--sandbox") { Description = "Only this sandbox's events (service events are always shown)" };
        var after = new Option<long>("--after") { Description = "Start after this position (an event's id); 0, the default, is the start of the journal" };
        after.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--after must be a position, a non-negative integer");
            }
        });
        var events = new Command("events", "Follow sandbox and container lifecycle events until Ctrl-C, resuming where it left off after a disconnect") { sandbox, after };
        events.SetAction((parse, ct) => CliRunner.RunAsync(parse, (client, output) =>
            FollowAsync(client.SocketPath, parse.GetValue(sandbox), parse.GetValue(after), output, ct)));
        return events;
    }

    /// <summary>Follows the stream from <paramref name="after"/> until <paramref name="ct"/>; the exit code.</summary>
    public static async Task<int> FollowAsync(string socketPath, string? sandboxId, long after, CliOutput output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var http = UnixSocketHttp.Create(socketPath, Timeout.InfiniteTimeSpan);
        var path = sandboxId is null ? "/v1/events" : "/v1/events?sandbox=" + Uri.EscapeDataString(sandboxId);
        var last = after;
        var retry = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        return output.Problem(new ApiResponse((int)response.StatusCode, text, Parse(text)));
                    }

                    retry = response.Headers.RetryAfter?.Delta ?? LastRetry;
                    await output.Error.WriteLineAsync($"the server is not taking event streams now ({Parse(text)?["detail"]}); retrying in {retry.TotalSeconds:0.#}s").ConfigureAwait(false);
                }
                else
                {
                    retry = FirstRetry;
                    await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    await foreach (var message in ServerSentEventReader.ReadAsync(body, ct).ConfigureAwait(false))
                    {
                        last = await ShowAsync(message, last, output).ConfigureAwait(false);
                    }

                    await output.Error.WriteLineAsync($"the stream ended; resuming after {last}").ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                await output.Error.WriteLineAsync($"lost the server at {socketPath} ({e.Message}); resuming after {last} in {retry.TotalSeconds:0.#}s").ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(retry, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Prints one message; returns the position to resume after.</summary>
    private static async Task<long> ShowAsync(ServerSentEvent message, long last, CliOutput output)
    {
        var body = Parse(message.Data) as JsonObject;
        if (message.Event is "dropped" or "shutdown")
        {
            var resume = body?["resumeAfter"]?.GetValue<long>() ?? last;
            await output.Error.WriteLineAsync($"{message.Event} by the server: {body?["reason"]}; resuming after {resume}").ConfigureAwait(false);
            return resume;
        }

        if (body is null || !long.TryParse(message.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return last;
        }

        await output.Out.WriteLineAsync(output.Json ? message.Data : Line(body)).ConfigureAwait(false);
        return position;
    }

    /// <summary>time, position, type, sandbox[/container], then every other member as name=value.</summary>
    internal static string Line(JsonObject e)
    {
        var time = e["time"] is JsonValue t && t.TryGetValue<DateTimeOffset>(out var at) ? at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) : "-";
        var subject = e["sandboxId"] is { } s ? s + (e["containerId"] is { } c ? "/" + c : string.Empty) : "-";
        var details = e.Where(p => !Shown.Contains(p.Key) && p.Value is not null).Select(p => $"{p.Key}={Value(p.Value!)}");
        return string.Join(' ', new[] { time, $"{e["position"],8}", $"{e["type"],-25}", subject }.Concat(details));
    }

    private static string Value(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && !text.Contains(' ', StringComparison.Ordinal) && text.Length > 0
            ? text
            : value.ToJsonString();

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
