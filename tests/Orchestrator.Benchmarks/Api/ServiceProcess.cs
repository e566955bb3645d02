using Orchestrator.TestKit.Processes;

namespace Orchestrator.Benchmarks.Api;

/// <summary>
/// One <c>orchestrator serve</c> process (the executable built beside the benchmarks, same
/// configuration), a child of this process and so in its private mount namespace: the mounts it
/// makes are visible here and die with the namespace. Configured only through its environment, with
/// a SQLite journal in its own state directory, where its log goes too. Disposing stops it with
/// SIGTERM, waits, and deletes the state directory.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>SIGTERM drains in-flight requests for at most the service's 30-second shutdown timeout.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly OrchestratorServer _server;
    private readonly string _stateDir;
    private bool _stopped;

    private ServiceProcess(OrchestratorServer server, string stateDir)
    {
        _server = server;
        _stateDir = stateDir;
    }

    /// <summary>A client over the service's socket with up to as many connections as clients asked for.</summary>
    public HttpClient Client => _server.Client;

    /// <summary>Starts the service on <paramref name="stateDir"/> and <paramref name="runDir"/> and waits until it answers its health check.</summary>
    public static async Task<ServiceProcess> StartAsync(string stateDir, string runDir, int connections)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORCHESTRATOR__STATEDIR"] = stateDir,
            ["ORCHESTRATOR__RUNDIR"] = runDir,
            ["ORCHESTRATOR__JOURNAL__PROVIDER"] = "Sqlite",
            ["ORCHESTRATOR__NATIVE__MOUNTNAMESPACE"] = "host",
        };
        var server = OrchestratorServer.Start(
            keeper: null, OrchestratorExecutable.Locate(), Path.Combine(runDir, "orchestrator.sock"), Path.Combine(stateDir, "service.log"), environment,
            workingDirectory: stateDir, clientTimeout: Privileged.TreeHarness.Timeout, clientConnections: connections);
        var service = new ServiceProcess(server, stateDir);
        try
        {
            await server.WaitForHealthAsync();
            return service;
        }
        catch (Exception)
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, then waits for a clean exit; throws when it does not exit in time (then it is killed) or exits with an error.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        int exit;
        try
        {
            exit = await _server.StopAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            await _server.KillAsync();
            throw;
        }

        if (exit != 0)
        {
            throw new InvalidOperationException($"the orchestrator exited with {exit} on SIGTERM; log:\n{_server.LogTail()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await _server.DisposeAsync();
            Directory.Delete(_stateDir, recursive: true);
        }
    }
}
