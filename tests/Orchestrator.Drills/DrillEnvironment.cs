using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Hosting;
using Orchestrator.TestKit.Nydus;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.Drills;

/// <summary>
/// One drill's world: a scratch folder on the host's filesystem (loop devices print their backing
/// files from there), a namespace keeper, a fake nydusd, the journal (SQLite in the scratch folder
/// or a fresh PostgreSQL database), and the fixtures containers are made from.
/// </summary>
internal sealed class DrillEnvironment : IAsyncDisposable
{
    private readonly OrchestratorExecutable _executable;
    private readonly string? _postgresConnectionString;
    private int _serverCount;
    private int _fixtureCount;

    private DrillEnvironment(OrchestratorExecutable executable, string scratch, NamespaceKeeper keeper, FakeNydusd nydusd, string? postgres)
    {
        _executable = executable;
        Scratch = scratch;
        Keeper = keeper;
        Nydusd = nydusd;
        _postgresConnectionString = postgres;
        Directory.CreateDirectory(Fixtures);
    }

    public string Scratch { get; }

    public NamespaceKeeper Keeper { get; }

    public FakeNydusd Nydusd { get; }

    public string RunDir => Path.Combine(Scratch, "run");

    public string SandboxesDir => Path.Combine(RunDir, "sandboxes");

    public string StateDir => Path.Combine(Scratch, "state");

    public string Fixtures => Path.Combine(Scratch, "fixtures");

    public string Socket => Path.Combine(Scratch, "orchestrator.sock");

    public static async Task<DrillEnvironment> CreateAsync(OrchestratorExecutable executable, string? postgresConnectionString)
    {
        var scratch = Directory.CreateTempSubdirectory("orchestrator-drill-").FullName;
        var keeper = await NamespaceKeeper.StartAsync().ConfigureAwait(false);
        var nydusd = await FakeNydusd.StartAsync(Path.Combine(scratch, "nydusd.sock")).ConfigureAwait(false);
        return new DrillEnvironment(executable, scratch, keeper, nydusd, postgresConnectionString);
    }

    /// <summary>Starts a server in the keeper's namespace, with <paramref name="failpoints"/> armed when given.</summary>
    public OrchestratorServer StartServer(string? failpoints)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORCHESTRATOR__STATEDIR"] = StateDir,
            ["ORCHESTRATOR__RUNDIR"] = RunDir,
            ["ORCHESTRATOR__NATIVE__MOUNTNAMESPACE"] = "host",
            ["ORCHESTRATOR__NATIVE__NYDUSAPISOCKET"] = Nydusd.SocketPath,
            ["ORCHESTRATOR__TEARDOWN__INITIALDELAYMS"] = "10",
            ["ORCHESTRATOR__TEARDOWN__MAXDELAYMS"] = "200",

            // Histories are deleted as soon as they are retired, so the kills land on deletions too:
            // the checks then also prove a retired history is never half deleted or replayed again.
            ["ORCHESTRATOR__JOURNAL__RETAINDESTROYEDSECONDS"] = "0",
        };
        if (_postgresConnectionString is not null)
        {
            environment["ORCHESTRATOR__JOURNAL__PROVIDER"] = "Postgres";
            environment["ORCHESTRATOR__JOURNAL__CONNECTIONSTRING"] = _postgresConnectionString;
        }

        if (failpoints is not null)
        {
            environment[Actors.Failpoints.Failpoints.EnvironmentVariable] = failpoints;
        }

        var log = Path.Combine(Scratch, $"server-{++_serverCount}.log");
        return OrchestratorServer.Start(Keeper, _executable, Socket, log, environment);
    }

    /// <summary>Opens the journal's tables the server uses, as an operator's tool would (no actor system). The caller disposes it.</summary>
    public Task<JournalRows> OpenJournalAsync() => OrchestratorOptions.OpenJournalRowsAsync(
        new OrchestratorOptions
        {
            StateDir = StateDir,
            RunDir = RunDir,
            Socket = Socket,
            JournalProvider = _postgresConnectionString is null ? JournalProvider.Sqlite : JournalProvider.Postgres,
            JournalConnectionString = _postgresConnectionString,
        });

    /// <summary>A fresh directory under the fixtures (a bind rootfs, a volume, a snapshot dir).</summary>
    public string NewDirectory(string name)
    {
        var path = Path.Combine(Fixtures, $"{name}-{++_fixtureCount}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "marker"), name);
        return path;
    }

    /// <summary>A fresh sparse image file, so each loop device has a backing file of its own.</summary>
    public string NewImage(string name)
    {
        var path = Path.Combine(Fixtures, $"{name}-{++_fixtureCount}.img");
        using var file = File.Create(path);
        file.SetLength(4L * 1024 * 1024);
        return path;
    }

    /// <summary>A nydus bootstrap file (the fake nydusd only checks that it is named).</summary>
    public string NewBootstrap()
    {
        var path = Path.Combine(Fixtures, $"bootstrap-{++_fixtureCount}");
        File.WriteAllText(path, "rafs bootstrap");
        return path;
    }

    /// <summary>
    /// Kills the keeper (its namespace and every mount in it go with it), detaches loop devices a
    /// failed drill left (after they were counted) and deletes the scratch folder.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Keeper.Dispose();
        await Nydusd.DisposeAsync().ConfigureAwait(false);
        foreach (var loop in LoopDeviceScan.BackedUnder(Scratch))
        {
            using var detach = Process.Start("losetup", ["-d", loop.DevicePath]);
            await detach.WaitForExitAsync().ConfigureAwait(false);
        }

        Directory.Delete(Scratch, recursive: true);
    }
}
