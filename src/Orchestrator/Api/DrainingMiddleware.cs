using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Api;

/// <summary>
/// From the moment a stop is requested, answers every new request with 503 <c>unavailable</c>, so
/// nothing new starts while in-flight requests (a teardown) finish and are persisted.
/// </summary>
internal sealed class DrainingMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return next(context);
        }

        context.Response.Headers.Connection = "close";
        return Problems.Unavailable("the service is stopping").ExecuteAsync(context);
    }
}
