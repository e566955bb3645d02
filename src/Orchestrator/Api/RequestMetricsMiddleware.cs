using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orchestrator.Api;

/// <summary>Counts every request by route template, method and status, and records its duration.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, PrometheusExporter exporter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The template, not the path: one series per route, not per sandbox id.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/') ?? "unmatched";
            exporter.RecordRequest(route, context.Request.Method, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
