using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Tracing;

namespace Orchestrator.Hosting;

/// <summary>
/// The one place that wires OpenTelemetry: the <see cref="OrchestratorMetrics.MeterName"/> meter with
/// ASP.NET Core's and the runtime's, read by the Prometheus exporter behind <c>/metrics</c>; with an OTLP
/// endpoint configured, the same metrics and the traces (<see cref="OrchestratorTracing.SourceName"/> and
/// ASP.NET Core's request spans) go to the collector too. Without one no tracer is registered, so no span
/// is ever created.
/// </summary>
internal static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        var telemetry = services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read after the defaults, win over them.
            .ConfigureResource(r => r.AddService(TelemetryOptions.DefaultServiceName, serviceVersion: Version).AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrchestratorMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    // A scrape shows the values of that moment; a cached answer would hide a change just made.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (options.OtlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(o =>
                    {
                        o.Protocol = options.OtlpProtocol;
                        o.Endpoint = options.SignalEndpoint("/v1/metrics");
                    });
                }
            });
        if (options.OtlpEndpoint is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrchestratorTracing.SourceName)
                // A scraper polling /metrics would otherwise fill the traces with its own requests, and an
                // event stream would be one span open for as long as its client stays connected.
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal)
                    && !context.Request.Path.StartsWithSegments(Api.EventEndpoints.Path, StringComparison.Ordinal))
                .AddOtlpExporter(o =>
                {
                    o.Protocol = options.OtlpProtocol;
                    o.Endpoint = options.SignalEndpoint("/v1/traces");
                }));
        }

        return services;
    }

    private static string Version { get; } =
        typeof(TelemetryHosting).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
