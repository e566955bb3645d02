using System.Text.Json;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Tests.Api;

public sealed class ApiJsonTests
{
    private static readonly object Sample = new
    {
        At = new DateTimeOffset(2026, 11, 30, 2, 20, 5, TimeSpan.Zero),
        Version = "1.0.0+c0a3218",
        Path = "/srv/données/<a & 'b'>",
    };

    [Fact]
    public void Options_PlusOffsetAndNonAscii_WrittenAsThemselves()
    {
        var json = JsonSerializer.Serialize(Sample, ApiJson.Options);

        Assert.Equal("""{"at":"2026-11-30T02:20:05+00:00","version":"1.0.0+c0a3218","path":"/srv/données/<a & 'b'>"}""", json);
    }

    [Fact]
    public void Apply_AspNetCoresOwnOptions_SameEncoding()
    {
        // Minimal APIs and problem details serialize with the host's options, which Apply configures.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        ApiJson.Apply(options);

        Assert.Equal(JsonSerializer.Serialize(Sample, ApiJson.Options), JsonSerializer.Serialize(Sample, options));
    }

    [Fact]
    public void EventSerializer_StoredBytes_KeepTheirEscaping()
    {
        // The journal's stored JSON is pinned byte for byte: only output options change, never the stored shape.
        var stored = JsonSerializer.Serialize("1.0.0+c0a3218", EventSerializer.CreateOptions());

        Assert.Equal("\"1.0.0\\u002Bc0a3218\"", stored);
    }
}
