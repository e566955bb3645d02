using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Orchestrator.Actors.Validation;
using Orchestrator.Api.Contracts;
using Orchestrator.Events;

namespace Orchestrator.Api;

/// <summary><c>GET /v1/events</c>: the lifecycle events as server-sent events.</summary>
internal static class EventEndpoints
{
    public const string Path = "/v1/events";

    public const string MediaType = "text/event-stream";
    public const string LastEventIdHeader = "Last-Event-ID";
    public const string SandboxParameter = "sandbox";
    public const string AfterParameter = "after";

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/events", StreamAsync).WithName("StreamEvents").WithTags("events")
            .Produces<EventResponse>(StatusCodes.Status200OK, MediaType)
            .ProducesProblems(400, 503);

    /// <summary>
    /// Reads <c>?sandbox=</c>, <c>?after=</c> and the <c>Last-Event-ID</c> header (which an EventSource
    /// sends when it reconnects, so it wins over <c>after</c> from the URL it reconnects to). Anything
    /// else in the query is refused: a misspelt filter would otherwise stream every sandbox's events.
    /// </summary>
    public static (long After, string? SandboxId, IReadOnlyList<ValidationProblem> Problems) Parse(IQueryCollection query, StringValues lastEventId)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<ValidationProblem>();
        foreach (var (key, values) in query)
        {
            if (key is not (SandboxParameter or AfterParameter))
            {
                problems.Add(new(key, $"unknown parameter; expected {SandboxParameter} or {AfterParameter}"));
            }
            else if (values.Count != 1)
            {
                problems.Add(new(key, $"must be given once, got {values.Count} values"));
            }
        }

        string? sandboxId = null;
        if (query.TryGetValue(SandboxParameter, out var sandbox) && sandbox.Count == 1)
        {
            sandboxId = sandbox[0];
            if (Ids.Problem(sandboxId) is { } problem)
            {
                problems.Add(new(SandboxParameter, problem));
            }
        }

        long after = 0;
        if (lastEventId.Count > 1)
        {
            problems.Add(new(LastEventIdHeader, $"must be given once, got {lastEventId.Count} values"));
        }
        else if (lastEventId.Count == 1 && !string.IsNullOrEmpty(lastEventId[0]))
        {
            after = Position(LastEventIdHeader, lastEventId[0], problems);
        }
        else if (query.TryGetValue(AfterParameter, out var position) && position.Count == 1)
        {
            after = Position(AfterParameter, position[0], problems);
        }

        return (after, sandboxId, problems);
    }

    private static long Position(string field, string? text, List<ValidationProblem> problems)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return position;
        }

        problems.Add(new(field, $"must be an event's position, a non-negative integer, got '{text}'"));
        return 0;
    }

    private static async Task StreamAsync(HttpContext context, EventFeed feed, ILogger<EventFeed> log)
    {
        var (after, sandboxId, problems) = Parse(context.Request.Query, context.Request.Headers[LastEventIdHeader]);
        if (problems.Count > 0)
        {
            await Problems.Validation(problems).ExecuteAsync(context);
            return;
        }

        if (!feed.TryOpen())
        {
            context.Response.Headers.RetryAfter = ((int)EventStreamOptions.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await Problems.Unavailable($"{feed.Options.MaxSubscribers} event streams are open, the limit (Orchestrator:Events:MaxSubscribers); retry later").ExecuteAsync(context);
            return;
        }

        try
        {
            context.Response.ContentType = MediaType;
            context.Response.Headers.CacheControl = "no-cache";
            var writer = new ServerSentEventWriter(context.Response.Body, feed.Options.WriteTimeout, context.RequestAborted);
            // Sends the headers now: a client knows it is subscribed before the first event.
            await writer.CommentAsync(string.Create(CultureInfo.InvariantCulture, $"lifecycle events after {after}"));
            await feed.StreamAsync(after, sandboxId, writer, context.RequestAborted);
        }
        catch (EventStreamStalledException e)
        {
            // Nothing more can reach a client whose socket is full: free the connection and its buffers.
            EventFeedLog.Dropped(log, after, e.Message);
            context.Abort();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client left mid-write.
        }
        finally
        {
            feed.Close();
        }
    }
}
