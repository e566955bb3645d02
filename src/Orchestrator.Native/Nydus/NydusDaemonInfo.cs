using System.Text.Json.Serialization;

namespace Orchestrator.Native.Nydus;

/// <summary>What <c>GET /api/v1/daemon</c> reports; <see cref="State"/> is <c>RUNNING</c> when ready.</summary>
public sealed record NydusDaemonInfo(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("version")] System.Text.Json.JsonElement? Version,
    [property: JsonPropertyName("state")] string State)
{
    public const string Running = "RUNNING";

    public bool IsRunning => string.Equals(State, Running, StringComparison.Ordinal);
}
