using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Hosting;

namespace Orchestrator.Api;

/// <summary>Asks the sandbox manager and turns its answer into a result, or its typed error into a problem.</summary>
internal sealed class ActorCalls(IRequiredActor<SandboxManager> manager, HostFailure failure, ILogger<ActorCalls> logger)
{
    /// <summary>Reads answer quickly; anything that mounts or unmounts may retry with backoff for minutes.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ChangeTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The request's span, for a command to carry into the actor tree (a span does not cross a mailbox by
    /// itself): the parent of the step that runs it. The default struct, free, when nobody traces.
    /// </summary>
    public static ActivityContext Trace => Activity.Current?.Context ?? default;

    /// <summary>
    /// The request's own abort token is deliberately not passed on: a change the client stopped waiting
    /// for still runs to its end and is journaled, so it is never left half-done. Only the service's own
    /// failure ends the wait early: the actor that would answer is gone.
    /// </summary>
    public async Task<IResult> AskAsync<TReply>(HttpContext context, object message, TimeSpan timeout, Func<TReply, IResult> ok)
    {
        try
        {
            var reply = await manager.ActorRef.Ask<TReply>(message, timeout, failure.Failed).ConfigureAwait(false);
            return ok(reply);
        }
        catch (OperationCanceledException) when (failure.Reason is { } reason)
        {
            return Problems.Unavailable("the service is stopping: " + reason);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Problems.FromException(e, unexpected => ApiLog.Unexpected(logger, context.Request.Method, context.Request.Path, unexpected));
        }
    }

    public IResult Teardown(Actors.Containers.TeardownReport report)
    {
        var response = ContractMapping.ToResponse(report);
        if (report.Clean)
        {
            return Results.Json(response, Contracts.ApiJson.Options);
        }

        ApiLog.TeardownIncomplete(logger, report.Id, report.Errors.Count);
        return Problems.TeardownIncomplete(response);
    }
}
