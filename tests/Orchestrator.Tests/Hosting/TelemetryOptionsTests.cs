using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void Load_NothingConfigured_NoOtlpExporter()
    {
        var telemetry = Load([]).Telemetry;

        Assert.Null(telemetry.OtlpEndpoint);
        Assert.Same(TelemetryOptions.None, telemetry);
    }

    [Fact]
    public void Load_EndpointOnly_GrpcToTheEndpointAsItIs()
    {
        var telemetry = Load(new() { ["Orchestrator:Telemetry:OtlpEndpoint"] = "http://collector:4317" }).Telemetry;

        Assert.Equal(OtlpExportProtocol.Grpc, telemetry.OtlpProtocol);
        Assert.Equal(new Uri("http://collector:4317"), telemetry.SignalEndpoint("/v1/traces"));
    }

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("https://gateway.example/otlp/", "https://gateway.example/otlp/v1/traces")]
    public void SignalEndpoint_HttpProtobuf_AppendsTheSignalPath(string configured, string expected)
    {
        var telemetry = Load(new()
        {
            ["Orchestrator:Telemetry:OtlpEndpoint"] = configured,
            ["Orchestrator:Telemetry:OtlpProtocol"] = "http/protobuf",
        }).Telemetry;

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, telemetry.OtlpProtocol);
        Assert.Equal(new Uri(expected), telemetry.SignalEndpoint("/v1/traces"));
    }

    [Fact]
    public void Load_StandardVariablesOnly_Honoured()
    {
        var telemetry = Load(new()
        {
            [OrchestratorOptions.OtelEndpointVariable] = "http://env-collector:4318",
            [OrchestratorOptions.OtelProtocolVariable] = "http/protobuf",
        }).Telemetry;

        Assert.Equal(new Uri("http://env-collector:4318/v1/metrics"), telemetry.SignalEndpoint("/v1/metrics"));
    }

    [Fact]
    public void Load_BothConfigured_OrchestratorKeysWin()
    {
        var telemetry = Load(new()
        {
            ["Orchestrator:Telemetry:OtlpEndpoint"] = "http://mine:4317",
            ["Orchestrator:Telemetry:OtlpProtocol"] = "grpc",
            [OrchestratorOptions.OtelEndpointVariable] = "http://env-collector:4318",
            [OrchestratorOptions.OtelProtocolVariable] = "http/protobuf",
        }).Telemetry;

        Assert.Equal((new Uri("http://mine:4317"), OtlpExportProtocol.Grpc), (telemetry.OtlpEndpoint, telemetry.OtlpProtocol));
    }

    [Theory]
    [InlineData("Orchestrator:Telemetry:OtlpEndpoint", "collector:4317", "Orchestrator:Telemetry:OtlpEndpoint")]
    [InlineData("Orchestrator:Telemetry:OtlpEndpoint", "unix:///run/otel.sock", "Orchestrator:Telemetry:OtlpEndpoint")]
    [InlineData("Orchestrator:Telemetry:OtlpProtocol", "http/json", "Orchestrator:Telemetry:OtlpProtocol")]
    [InlineData(OrchestratorOptions.OtelEndpointVariable, "not a url", OrchestratorOptions.OtelEndpointVariable)]
    [InlineData(OrchestratorOptions.OtelProtocolVariable, "thrift", OrchestratorOptions.OtelProtocolVariable)]
    public void Load_BadValue_NamesTheKey(string key, string value, string expectedKey)
    {
        var problem = Assert.Throws<ConfigurationProblemException>(() => Load(new() { [key] = value }));

        Assert.Equal(expectedKey, problem.Key);
        Assert.Contains(value, problem.Problem, StringComparison.Ordinal);
    }

    private static OrchestratorOptions Load(Dictionary<string, string?> values) =>
        OrchestratorOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
