using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Benchmarks.Api;

/// <summary>
/// The three calls of the workload, spoken as any client of the <c>/v1</c> API speaks them (JSON over
/// the socket, its own wire records rather than the service's), each checked for its success status.
/// </summary>
internal sealed class ApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateSandboxAsync(string sandboxId)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/v1/sandboxes", UriKind.Relative), new SandboxBody(sandboxId, "virtiofs"), Json);
        await ExpectAsync(response, HttpStatusCode.Created, $"POST /v1/sandboxes {sandboxId}");
    }

    /// <summary>Adds a container with a bind rootfs and bind mounts (<paramref name="spec"/> carries nothing else).</summary>
    public async Task AddContainerAsync(string sandboxId, ContainerSpec spec)
    {
        var body = new ContainerBody(spec.Id, new RootfsBody("bind", spec.Rootfs.Source), [.. spec.Mounts.Select(m => new MountBody(m.Source, m.Destination))]);
        var path = $"/v1/sandboxes/{Uri.EscapeDataString(sandboxId)}/containers";
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json);
        await ExpectAsync(response, HttpStatusCode.Created, $"POST {path} {spec.Id}");
    }

    /// <summary>Destroys a sandbox; throws unless the teardown report says it is clean.</summary>
    public async Task DestroySandboxAsync(string sandboxId)
    {
        var path = $"/v1/sandboxes/{Uri.EscapeDataString(sandboxId)}";
        using var response = await http.DeleteAsync(new Uri(path, UriKind.Relative));
        await ExpectAsync(response, HttpStatusCode.OK, $"DELETE {path}");
        var report = await response.Content.ReadFromJsonAsync<TeardownBody>(Json);
        if (report is not { Clean: true })
        {
            throw new InvalidOperationException($"DELETE {path}: the teardown is not clean: {string.Join("; ", report?.Errors ?? [])}");
        }
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string call)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{call}: {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record SandboxBody(string Id, string SharedFs);

    private sealed record ContainerBody(string Id, RootfsBody Rootfs, IReadOnlyList<MountBody> Mounts);

    private sealed record RootfsBody(string Type, string Source);

    private sealed record MountBody(string Source, string Destination);

    private sealed record TeardownBody(string Id, bool Clean, IReadOnlyList<string> Errors);
}
