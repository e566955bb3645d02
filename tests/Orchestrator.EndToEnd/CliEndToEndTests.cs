using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.TestKit.Privileges;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.EndToEnd;

/// <summary>The CLI against a real server, and a journal failure seen through the API.</summary>
public sealed class CliEndToEndTests : IAsyncLifetime
{
    private readonly OrchestratorExecutable _executable = OrchestratorExecutable.Locate();
    private readonly string _dir = Directory.CreateTempSubdirectory("orchestrator-cli-e2e-").FullName;
    private NamespaceKeeper? _keeper;

    private string RunDir => Path.Combine(_dir, "run");

    private string Socket => Path.Combine(_dir, "api.sock");

    public async Task InitializeAsync() => _keeper = Privilege.IsRoot ? await NamespaceKeeper.StartAsync() : null;

    public Task DisposeAsync()
    {
        _keeper?.Dispose();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [RootFact]
    public async Task Cli_WalkThroughAgainstARealServer_ExitCodesJsonAndMounts()
    {
        await using var server = await StartAsync(new Dictionary<string, string>());
        var image = Directory.CreateDirectory(Path.Combine(_dir, "img", "c1")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;

        Assert.Equal("no sandboxes", (await Cli("sandbox", "ls")).Output.TrimEnd());
        Assert.Equal(0, (await Cli("sandbox", "create", "s1")).ExitCode);
        Assert.Equal(4, (await Cli("sandbox", "create", "s1")).ExitCode);
        var added = await Cli("container", "add", "s1", "--id", "c1", "--rootfs", image, "--mount", data + ":/data:ro", "--json");
        Assert.Equal(0, added.ExitCode);
        var shared = JsonNode.Parse(added.Output)!["sharedPaths"]![0]!;
        Assert.True(shared["readOnly"]!.GetValue<bool>());
        Assert.Contains(shared["sharedPath"]!.GetValue<string>(), _keeper!.MountPointsUnder(RunDir));
        Assert.Contains(Path.Combine(RunDir, "sandboxes", "s1", "mounts", "c1", "rootfs"), _keeper.MountPointsUnder(RunDir));
        Assert.Contains("s1", (await Cli("sandbox", "ls")).Output, StringComparison.Ordinal);
        Assert.Equal(3, (await Cli("container", "show", "s1", "nope")).ExitCode);
        Assert.Equal(2, (await Cli("sandbox", "create", "bad/id")).ExitCode);
        Assert.EndsWith(": 1 sandbox, 1 container", (await Cli("status")).Output.TrimEnd(), StringComparison.Ordinal);
        var status = JsonNode.Parse((await Cli("status", "--json")).Output)!;
        Assert.Equal((1, 1), (status["sandboxes"]!.GetValue<int>(), status["containers"]!.GetValue<int>()));
        Assert.Equal("ok", status["status"]!.GetValue<string>());
        using (var health = await server.Client.GetAsync(new Uri("/v1/health", UriKind.Relative)))
        {
            // The version carries build metadata after a '+', which the API no longer writes as \u002B.
            var raw = await health.Content.ReadAsStringAsync();
            Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
            Assert.Equal(JsonNode.Parse(raw)!["version"]!.GetValue<string>(), status["version"]!.GetValue<string>());
        }


        Assert.Equal(0, (await Cli("sandbox", "rm", "s1")).ExitCode);

        Assert.Empty(_keeper.MountPointsUnder(RunDir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(RunDir, "sandboxes")));
        Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(5, (await Cli("sandbox", "ls")).ExitCode);
    }

    [RootFact]
    public async Task Cli_ServerStartedWithFlags_FoundThroughTheSameFlagsEnvironmentOrAppsettings()
    {
        var stateDir = Path.Combine(_dir, "flag-state");
        var flags = new[] { "--Orchestrator:RunDir=" + RunDir, "--Orchestrator:StateDir", stateDir };
        var log = Path.Combine(_dir, "flags.log");
        await using var server = OrchestratorServer.Start(_keeper!, _executable, Path.Combine(RunDir, "orchestrator.sock"), log, new Dictionary<string, string>(), flags);
        await server.WaitForHealthAsync();
        var settings = Directory.CreateDirectory(Path.Combine(_dir, "cwd")).FullName;
        await File.WriteAllTextAsync(Path.Combine(settings, "appsettings.json"), $$$"""{"Orchestrator":{"RunDir":"{{{RunDir}}}","StateDir":"{{{stateDir}}}"}}""");
        var none = new Dictionary<string, string>();
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR__RUNDIR"] = RunDir, ["ORCHESTRATOR__STATEDIR"] = stateDir };

        var created = await _executable.RunAsync(["sandbox", "create", "s1", .. flags], none, null);
        var byFlagsFirst = await _executable.RunAsync([.. flags, "status"], none, null);
        var byEnvironment = await _executable.RunAsync(["sandbox", "show", "s1"], environment, null);
        var byAppsettings = await _executable.RunAsync(["sandbox", "ls"], none, settings);
        var ids = await _executable.RunAsync(["journal", "ids", .. flags], none, null);
        var idsByEnvironment = await _executable.RunAsync(["journal", "ids", "--json"], environment, null);
        var idsByAppsettings = await _executable.RunAsync(["journal", "ids"], none, settings);

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.StartsWith($"ok at {RunDir}/orchestrator.sock ", byFlagsFirst.Output, StringComparison.Ordinal);
        Assert.StartsWith("sandbox s1: ready", byEnvironment.Output, StringComparison.Ordinal);
        Assert.Contains("s1", byAppsettings.Output, StringComparison.Ordinal);
        Assert.Equal(0, byAppsettings.ExitCode);
        var journal = $"journal: sqlite {stateDir}/journal.db (Orchestrator:StateDir from ";
        Assert.Equal(journal + "--Orchestrator:StateDir)", ids.Error.TrimEnd());
        Assert.Contains("sandbox-s1-", ids.Output, StringComparison.Ordinal);
        Assert.Equal(journal + "ORCHESTRATOR__STATEDIR)", idsByEnvironment.Error.TrimEnd());
        Assert.Contains("sandboxes", JsonNode.Parse(idsByEnvironment.Output)!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(journal + Path.Combine(settings, "appsettings.json") + ")", idsByAppsettings.Error.TrimEnd());
        Assert.Equal(ids.Output, idsByAppsettings.Output);

        Assert.Equal(0, (await _executable.RunAsync(["sandbox", "rm", "s1", .. flags], none, null)).ExitCode);
        Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(30)));
    }

    [RootFact]
    public async Task Journal_ConfigurationNamingNoJournal_FailsNamingItAndCreatesNothing()
    {
        var missing = Path.Combine(_dir, "no-state");

        var ids = await _executable.RunAsync(["journal", "ids", "--Orchestrator:StateDir", missing], new Dictionary<string, string>(), null);
        var plan = await _executable.RunAsync(["journal", "plan", "s1"], new Dictionary<string, string> { ["ORCHESTRATOR__STATEDIR"] = missing }, null);

        Assert.Equal((3, string.Empty), (ids.ExitCode, ids.Output));
        Assert.StartsWith($"journal: sqlite {missing}/journal.db (Orchestrator:StateDir from --Orchestrator:StateDir)", ids.Error, StringComparison.Ordinal);
        Assert.Contains($"error: journal {missing}/journal.db: no such file", ids.Error, StringComparison.Ordinal);
        Assert.Equal(3, plan.ExitCode);
        Assert.False(Directory.Exists(missing));
    }

    [RootFact]
    public async Task JournalFailure_AnsweredJournalUnavailable_ServiceStopsWithExitCode1()
    {
        // The start journals recovery started and finished in two commits; the third is the create's.
        await using var server = await StartAsync(new Dictionary<string, string> { ["ORCHESTRATOR_FAILPOINTS"] = "journal.after-commit=error@3" });

        using var response = await server.Client.PostAsync(new Uri("/v1/sandboxes", UriKind.Relative),
            new StringContent("""{"id":"s1","sharedFs":"virtiofs"}""", System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("urn:orchestrator:problem:journal-unavailable", problem["type"]!.GetValue<string>());
        // Promptly: requests still waiting on the stopped manager end at once (the release before this
        // one lingered about 30 s with its socket already gone).
        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("stopped unexpectedly", server.LogTail(), StringComparison.Ordinal);
    }

    private async Task<OrchestratorServer> StartAsync(IReadOnlyDictionary<string, string> extra)
    {
        var environment = new Dictionary<string, string>(extra)
        {
            ["ORCHESTRATOR__STATEDIR"] = Path.Combine(_dir, "state"),
            ["ORCHESTRATOR__RUNDIR"] = RunDir,
        };
        var server = OrchestratorServer.Start(_keeper!, _executable, Socket, Path.Combine(_dir, "server.log"), environment);
        await server.WaitForHealthAsync();
        return server;
    }

    private Task<(int ExitCode, string Output)> Cli(params string[] args) => _executable.RunAsync([.. args, "--socket", Socket]);
}
