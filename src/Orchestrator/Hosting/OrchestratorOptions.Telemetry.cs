using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Orchestrator.Hosting;

public sealed partial record OrchestratorOptions
{
    /// <summary>The standard variable an OpenTelemetry deployment already sets; honoured when the orchestrator's own key is absent.</summary>
    public const string OtelEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string OtelProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// <c>Orchestrator:Telemetry:OtlpEndpoint</c> (else <see cref="OtelEndpointVariable"/>) turns OTLP export
    /// on; <c>Orchestrator:Telemetry:OtlpProtocol</c> (else <see cref="OtelProtocolVariable"/>, else grpc)
    /// says how. The orchestrator's keys win, like any later configuration source.
    /// </summary>
    private static TelemetryOptions LoadTelemetry(IConfiguration configuration, IConfiguration section)
    {
        var endpoint = Endpoint(Section + ":Telemetry:OtlpEndpoint", section["Telemetry:OtlpEndpoint"])
            ?? Endpoint(OtelEndpointVariable, configuration[OtelEndpointVariable]);
        var protocol = Protocol(Section + ":Telemetry:OtlpProtocol", section["Telemetry:OtlpProtocol"])
            ?? Protocol(OtelProtocolVariable, configuration[OtelProtocolVariable])
            ?? OtlpExportProtocol.Grpc;
        return endpoint is null ? TelemetryOptions.None : new TelemetryOptions { OtlpEndpoint = endpoint, OtlpProtocol = protocol };
    }

    private static Uri? Endpoint(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : throw new ConfigurationProblemException(key, $"must be an absolute http:// or https:// URL, got '{value.Trim()}'");
    }

    private static OtlpExportProtocol? Protocol(string key, string? value) => value?.Trim() switch
    {
        null or "" => null,
        var v when v.Equals("grpc", StringComparison.OrdinalIgnoreCase) => OtlpExportProtocol.Grpc,
        var v when v.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) => OtlpExportProtocol.HttpProtobuf,
        var v => throw new ConfigurationProblemException(key, $"unknown protocol '{v}'; expected grpc or http/protobuf"),
    };
}
