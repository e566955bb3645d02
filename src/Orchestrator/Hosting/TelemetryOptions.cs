using OpenTelemetry.Exporter;

namespace Orchestrator.Hosting;

/// <summary>
/// Where telemetry goes besides <c>/metrics</c>: an OTLP collector for traces and metrics, or none.
/// Resolved by <see cref="OrchestratorOptions.Load"/> from <c>Orchestrator:Telemetry:*</c>, falling back
/// to the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.
/// </summary>
public sealed record TelemetryOptions
{
    public const string DefaultServiceName = "orchestrator";

    public static TelemetryOptions None { get; } = new();

    /// <summary>The collector's base endpoint; null: no OTLP exporter (and no tracing at all).</summary>
    public Uri? OtlpEndpoint { get; init; }

    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// The endpoint one signal is sent to. gRPC takes the base endpoint as it is; over HTTP each signal
    /// has its own path below it (<c>/v1/traces</c>, <c>/v1/metrics</c>), appended as the OpenTelemetry
    /// specification says for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter appends nothing to an
    /// endpoint set in code).
    /// </summary>
    public Uri SignalEndpoint(string signalPath)
    {
        var endpoint = OtlpEndpoint ?? throw new InvalidOperationException("no OTLP endpoint is configured");
        if (OtlpProtocol != OtlpExportProtocol.HttpProtobuf)
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint);
        builder.Path = builder.Path.TrimEnd('/') + signalPath;
        return builder.Uri;
    }
}
