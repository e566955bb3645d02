using System.Net;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>
/// A hostile or buggy client against the real service: every bad request gets a 4xx and leaves the
/// namespace's mount table, the run dir and the journal exactly as they were.
/// </summary>
public sealed class AdversarialTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private OrchestratorServer Server => fixture.Server;

    private HttpClient Client => fixture.Server.Client;

    [RootFact]
    public async Task CreateSandbox_IdWithTrailingNewline_RefusedAndNothingJournaled()
    {
        var before = await SnapshotAsync();

        var problem = await (await Client.PostJsonAsync("/v1/sandboxes", """{"id":"abc\n","sharedFs":"virtiofs"}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.True(problem.Errors!.ContainsKey("id"));
        await AssertUnchangedAsync(before);
        Assert.True(await Server.IsHealthyAsync());
    }

    [RootTheory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("a b")]
    [InlineData("-rf")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("\u00e9")]
    public async Task CreateSandbox_BadIds_Refused(string id)
    {
        var before = await SnapshotAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(new { id, sharedFs = "virtiofs" });

        await (await Client.PostJsonAsync("/v1/sandboxes", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        await AssertUnchangedAsync(before);
    }

    [RootFact]
    public async Task CreateContainer_IdWithTrailingNewline_RefusedAndSandboxStillServes()
    {
        var sandbox = await CreateSandboxAsync("adv-cid");
        var before = await SnapshotAsync();

        var problem = await (await Client.PostJsonAsync($"/v1/sandboxes/{sandbox}/containers", Requests.BindContainer("c1\n", Image())))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.True(problem.Errors!.ContainsKey("id"));
        await AssertUnchangedAsync(before);
        await (await Client.GetAsync($"/v1/sandboxes/{sandbox}")).ExpectAsync<SandboxResponse>(HttpStatusCode.OK);
    }

    [RootTheory]
    [InlineData("DELETE", "/v1/sandboxes/{sb}/containers/%2e%2e")]
    [InlineData("DELETE", "/v1/sandboxes/{sb}/containers/%2E%2E")]
    [InlineData("DELETE", "/v1/sandboxes/{sb}/containers/.%2e")]
    [InlineData("DELETE", "/v1/sandboxes/{sb}/containers/c1/paths/%2e%2e/%2e%2e")]
    [InlineData("DELETE", "/v1/sandboxes/{sb}%2fcontainers")]
    [InlineData("GET", "/v1/sandboxes/{sb}/%2e")]
    public async Task DotSegmentsInUrl_RefusedAndSandboxKept(string method, string template)
    {
        var sandbox = await CreateSandboxAsync("adv-dots-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(method + template)))[..8].ToLowerInvariant());
        var before = await SnapshotAsync();

        // HttpClient would normalise the dots itself: send the target verbatim.
        var response = await SendRawAsync(method, template.Replace("{sb}", sandbox, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(ProblemTypes.Validation, response.Body, StringComparison.Ordinal);
        await AssertUnchangedAsync(before);
        await (await Client.GetAsync($"/v1/sandboxes/{sandbox}")).ExpectAsync<SandboxResponse>(HttpStatusCode.OK);
    }

    [RootTheory]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"/srv","destination":"/data","type":"tmpfs"}]}""", "mounts[0].type")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"/srv","destination":"/data","options":["x-mount.mkdir"]}]}""", "mounts[0].options")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"/srv","destination":"/data\n[Service]"}]}""", "mounts[0].destination")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"/srv","destination":"/a/../../etc"}]}""", "mounts[0].destination")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"srv","destination":"/data"}]}""", "mounts[0].source")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"/srv","destination":"/data","propagation":"sideways"}]}""", "mounts[0].propagation")]
    [InlineData("""{"id":"c1","rootfs":{"type":"block","source":"/dev/null","fsType":"ntfs"}}""", "rootfs.fsType")]
    [InlineData("""{"id":"c1","rootfs":{"type":"overlay","source":"IMAGE"}}""", "rootfs.type")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"volumes":[{"device":"/dev/null","destination":"/v","fsType":"ext4","options":["ro","nosuid=1"]}]}""", "volumes[0].options")]
    public async Task CreateContainer_BadTypesOptionsAndPaths_RefusedBeforeAnythingIsJournaled(string body, string field)
    {
        var sandbox = await CreateSandboxAsync("adv-spec");
        var before = await SnapshotAsync();

        var problem = await (await Client.PostJsonAsync($"/v1/sandboxes/{sandbox}/containers", body.Replace("IMAGE", Image(), StringComparison.Ordinal)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.True(problem.Errors!.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        await AssertUnchangedAsync(before);
    }

    [RootTheory]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"STATE"}}""", "rootfs.source")]
    [InlineData("""{"id":"c1","rootfs":{"type":"block","source":"STATE/journal.db","fsType":"ext4"}}""", "rootfs.source")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"RUN","destination":"/data"}]}""", "mounts[0].source")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"mounts":[{"source":"RUN/sandboxes/OTHER","destination":"/data"}]}""", "mounts[0].source")]
    [InlineData("""{"id":"c1","rootfs":{"type":"bind","source":"IMAGE"},"volumes":[{"device":"STATE/journal.db","destination":"/v","fsType":"ext4"}]}""", "volumes[0].device")]
    public async Task CreateContainer_TheServicesOwnStateOrAnotherSandboxAsSource_RefusedBeforeAnythingIsJournaled(string body, string field)
    {
        var other = await CreateSandboxAsync("adv-other");
        var sandbox = await CreateSandboxAsync("adv-own");
        var before = await SnapshotAsync();
        var request = body
            .Replace("STATE", Path.Combine(fixture.Namespace.Scratch, "state"), StringComparison.Ordinal)
            .Replace("RUN", Server.RunDir, StringComparison.Ordinal)
            .Replace("OTHER", other, StringComparison.Ordinal)
            .Replace("IMAGE", Image(), StringComparison.Ordinal);

        var problem = await (await Client.PostJsonAsync($"/v1/sandboxes/{sandbox}/containers", request))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.True(problem.Errors!.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        await AssertUnchangedAsync(before);
    }

    [RootFact]
    public async Task CreateContainer_TooManyMounts_RefusedWithoutMountingAny()
    {
        var sandbox = await CreateSandboxAsync("adv-many");
        var data = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "data", "adv-many")).FullName;
        var mounts = string.Join(',', Enumerable.Range(0, Actors.Validation.Limits.MaxMounts + 1).Select(i => $$"""{"source":"{{data}}","destination":"/d{{i}}"}"""));
        var before = await SnapshotAsync();

        var problem = await (await Client.PostJsonAsync($"/v1/sandboxes/{sandbox}/containers", $$"""{"id":"c1","rootfs":{"type":"bind","source":"{{Image()}}"},"mounts":[{{mounts}}]}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.True(problem.Errors!.ContainsKey("mounts"));
        await AssertUnchangedAsync(before);
    }

    [RootFact]
    public async Task AnyBody_LargerThanTheLimit_RefusedWith413()
    {
        var before = await SnapshotAsync();
        var padding = new string(' ', Actors.Validation.Limits.MaxRequestBodyBytes + 1);

        await (await Client.PostJsonAsync("/v1/sandboxes", "{" + padding + "}")).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.Validation);

        await AssertUnchangedAsync(before);
    }

    [RootTheory]
    [InlineData("""{"hostPath":"relative","containerPath":"/hot"}""", "hostPath")]
    [InlineData("""{"hostPath":"/srv","containerPath":"/"}""", "containerPath")]
    [InlineData("""{"hostPath":"/srv","containerPath":"/a/../.."}""", "containerPath")]
    [InlineData("""{"hostPath":"/srv\u0000x","containerPath":"/hot"}""", "hostPath")]
    public async Task AddPath_BadPaths_Refused(string body, string field)
    {
        var sandbox = await CreateSandboxAsync("adv-path");
        var before = await SnapshotAsync();

        var problem = await (await Client.PostJsonAsync($"/v1/sandboxes/{sandbox}/containers/c1/paths", body))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);

        Assert.True(problem.Errors!.ContainsKey(field));
        await AssertUnchangedAsync(before);
    }

    [RootFact]
    public async Task Start_SocketSettingNamesARegularFile_RefusesAndKeepsTheFile()
    {
        var dir = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "socket-is-a-file")).FullName;
        var journal = Path.Combine(dir, "journal.db");
        File.WriteAllText(journal, "precious");

        var (exitCode, stderr) = await OrchestratorServer.RunToExitAsync(new Dictionary<string, string>
        {
            ["ORCHESTRATOR__STATEDIR"] = Path.Combine(dir, "state"),
            ["ORCHESTRATOR__RUNDIR"] = Path.Combine(dir, "run"),
            ["ORCHESTRATOR__SOCKET"] = journal,
        }, fixture.Namespace);

        Assert.Equal(2, exitCode);
        Assert.Contains("not a socket", stderr, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(journal));
    }

    private string Image()
    {
        var image = Directory.CreateDirectory(Path.Combine(fixture.Namespace.Scratch, "images", "adv")).FullName;
        File.WriteAllText(Path.Combine(image, "marker"), "rootfs");
        return image;
    }

    private async Task<string> CreateSandboxAsync(string id)
    {
        using var response = await Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox(id));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<(HttpStatusCode Status, string Body)> SendRawAsync(string method, string target, string? body = null)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(Server.Socket));
        await using var stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: false);
        var content = body ?? string.Empty;
        var request = $"{method} {target} HTTP/1.1\r\nHost: orchestrator\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(content)}\r\n\r\n{content}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var statusLine = text.Split("\r\n", 2)[0].Split(' ');
        return ((HttpStatusCode)int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture), text);
    }

    private sealed record Snapshot(IReadOnlyList<string> Mounts, IReadOnlyList<string> RunDirEntries, string Journal, string Sandboxes);

    private async Task<Snapshot> SnapshotAsync()
    {
        var runDir = Server.InServer(Server.RunDir);
        var entries = Directory.EnumerateFileSystemEntries(runDir, "*", SearchOption.AllDirectories)
            .Select(e => Path.GetRelativePath(runDir, e)).Order(StringComparer.Ordinal).ToList();
        var sandboxes = await (await Client.GetAsync("/v1/sandboxes")).Content.ReadAsStringAsync();
        return new Snapshot(fixture.Namespace.MountsUnder("/"), entries, JournalDigest(), sandboxes);
    }

    private async Task AssertUnchangedAsync(Snapshot before)
    {
        var after = await SnapshotAsync();
        Assert.Equal(before.Mounts, after.Mounts);
        Assert.Equal(before.RunDirEntries, after.RunDirEntries);
        Assert.Equal(before.Journal, after.Journal);
        Assert.Equal(before.Sandboxes, after.Sandboxes);
    }

    // The journal's files (the database and its write-ahead log): a refused request writes nothing.
    private string JournalDigest()
    {
        var state = Path.Combine(fixture.Namespace.Scratch, "state");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(state, "journal.db*").Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file));
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            sha.AppendData(SHA256.HashData(stream));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
