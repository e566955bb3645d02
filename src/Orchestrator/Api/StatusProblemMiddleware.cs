using Microsoft.AspNetCore.Http;

namespace Orchestrator.Api;

/// <summary>
/// The API's outermost middleware, ahead of routing. It first refuses a raw target with dot
/// segments or encoded slashes (routing only ever sees the decoded, normalised path, in which
/// <c>containers/%2e%2e</c> has become the sandbox itself). It then gives the statuses the framework answers by itself (no route: 404, wrong method: 405, a body that
/// is not JSON: 415) a problem body like every other error, so clients parse one error shape.
/// </summary>
internal sealed class StatusProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (EdgeValidation.RequestTargetRefusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
        if (context.Response.HasStarted || context.Response.ContentType is not null)
        {
            return;
        }

        var problem = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Problems.NotFound($"no endpoint {context.Request.Method} {context.Request.Path}"),
            StatusCodes.Status405MethodNotAllowed => Problems.Validation("method", $"{context.Request.Method} is not allowed on {context.Request.Path}", StatusCodes.Status405MethodNotAllowed),
            StatusCodes.Status415UnsupportedMediaType => Problems.Validation("Content-Type", "must be application/json", StatusCodes.Status415UnsupportedMediaType),
            _ => null,
        };
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
        }
    }
}
