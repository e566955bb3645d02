using System.Collections.Concurrent;
using Orchestrator.Cli;

namespace Orchestrator.EndToEnd.Support;

/// <summary>
/// One <c>GET /v1/events</c> connection to the real server, read in the background until the server
/// ends it or goes away; what arrived is kept in order.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _leave = new();
    private readonly ConcurrentQueue<ServerSentEvent> _messages = new();
    private int _disposed;

    private EventStreamClient(HttpClient http, HttpResponseMessage response)
    {
        _http = http;
        _response = response;
        Ended = Task.Run(ReadAsync);
    }

    /// <summary>Completes when the stream ended: the server closed it, or its process died.</summary>
    public Task Ended { get; }

    public IReadOnlyList<ServerSentEvent> Messages => [.. _messages];

    /// <summary>The lifecycle events, without the stream's closing message.</summary>
    public IReadOnlyList<ServerSentEvent> Events => [.. _messages.Where(m => m.Event is not ("dropped" or "shutdown"))];

    public static async Task<EventStreamClient> OpenAsync(string socket, string query = "", long? lastEventId = null)
    {
        var http = OrchestratorServer.CreateClient(socket);
        http.Timeout = Timeout.InfiniteTimeSpan;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events" + query);
            if (lastEventId is { } last)
            {
                request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync();
                response.Dispose();
                throw new InvalidOperationException($"GET /v1/events{query} answered {(int)response.StatusCode}: {body}");
            }

            return new EventStreamClient(http, response);
        }
        catch (Exception)
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Waits, a bounded time, until <paramref name="condition"/> holds for the events so far.</summary>
    public Task<bool> WaitForAsync(Func<IReadOnlyList<ServerSentEvent>, bool> condition, int attempts = 400) =>
        Poll.UntilAsync(() => condition(Events), attempts, intervalMs: 50);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _leave.CancelAsync();
        try
        {
            await Ended.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Left by us.
        }

        _response.Dispose();
        _http.Dispose();
        _leave.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(_leave.Token);
            await foreach (var message in ServerSentEventReader.ReadAsync(body, _leave.Token))
            {
                _messages.Enqueue(message);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The server died mid-stream: what arrived before is what the test looks at.
        }
    }
}
