using System.Text.Json.Serialization;

namespace Orchestrator.Native.Nydus;

/// <summary>
/// The body of nydusd's <c>POST /api/v1/mount</c>: <c>config</c> is the daemon configuration
/// as a JSON string (not an object), exactly as nydusd's API expects it.
/// </summary>
public sealed record NydusMountRequest(
    [property: JsonPropertyName("fs_type")] string FsType,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("config")] string Config)
{
    public const string Rafs = "rafs";

    public static NydusMountRequest ForRafs(string bootstrapPath, string daemonConfigJson) =>
        new(Rafs, bootstrapPath, daemonConfigJson);
}
