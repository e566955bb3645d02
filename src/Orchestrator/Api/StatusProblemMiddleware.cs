using Microsoft.AspNetCore.Http;

namespace Orchestrator.Api;

/// <summary>
/// Gives the statuses the framework answers by itself (no route: 404, wrong method: 405, a body that
/// is not JSON: 415) a problem body like every other error, so clients parse one error shape.
/// </summary>
internal sealed class StatusProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
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
