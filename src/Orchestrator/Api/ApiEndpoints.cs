using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Api.Contracts;
using Akka.Hosting;

namespace Orchestrator.Api;

/// <summary>Maps the whole HTTP surface: <c>/v1</c> and <c>/metrics</c>.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapOrchestratorApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var v1 = endpoints.MapGroup("/v1").AddEndpointFilter(EdgeValidation.RouteIdsFilter);
        SandboxEndpoints.Map(v1);
        ContainerEndpoints.Map(v1);
        EventEndpoints.Map(v1);
        v1.MapGet("/health", (ActorRegistry registry) =>
                registry.TryGet<Actors.Sandboxes.SandboxManager>(out _)
                    ? Results.Json(new HealthResponse("ok", Version), ApiJson.Options)
                    : Problems.Unavailable("the actor system has not started"))
            .WithName("GetHealth").WithTags("system")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<ProblemResponse>(StatusCodes.Status503ServiceUnavailable, ProblemTypes.MediaType);
        endpoints.MapPrometheusScrapingEndpoint(Hosting.TelemetryHosting.MetricsPath)
            .WithName("GetMetrics").WithTags("system");
        return endpoints;
    }

    private static string Version { get; } =
        typeof(ApiEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
