using System.Diagnostics;
using System.Globalization;
using Orchestrator.Native.Net;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.Benchmarks.Api;

/// <summary>
/// One <c>orchestrator serve</c> process (the executable built beside the benchmarks, same
/// configuration), a child of this process and so in its private mount namespace: the mounts it
/// makes are visible here and die with the namespace. Configured only through its environment, with
/// a SQLite journal in its own state directory; its output goes to a log in that directory.
/// Disposing stops it with SIGTERM, waits, and deletes the state directory.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>SIGTERM drains in-flight requests for at most the service's 30-second shutdown timeout.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly string _stateDir;
    private bool _stopped;

    private ServiceProcess(Process process, string stateDir, string socket, int connections)
    {
        _process = process;
        _stateDir = stateDir;
        Client = UnixSocketHttp.Create(socket, Privileged.TreeHarness.Timeout, connections);
    }

    /// <summary>A client over the service's socket with up to as many connections as clients asked for.</summary>
    public HttpClient Client { get; }

    private string LogPath => LogIn(_stateDir);

    /// <summary>Starts the service on <paramref name="stateDir"/> and <paramref name="runDir"/> and waits until it answers its health check.</summary>
    public static async Task<ServiceProcess> StartAsync(string stateDir, string runDir, int connections)
    {
        var executable = OrchestratorExecutable.Locate();
        var socket = Path.Combine(runDir, "orchestrator.sock");

        // sh redirects and then execs, so the pid held here is the service's own.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = stateDir };
        foreach (var arg in (string[])["-c", "exec \"$@\" >>\"$0\" 2>&1", LogIn(stateDir), "dotnet", executable.DllPath, "serve"])
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing inherited configures it (the benchmarks' own variables, a failpoint, a collector
        // endpoint whose exporting would be measured too): only what is set here.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ORCHESTRATOR", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ORCHESTRATOR__STATEDIR"] = stateDir;
        info.Environment["ORCHESTRATOR__RUNDIR"] = runDir;
        info.Environment["ORCHESTRATOR__SOCKET"] = socket;
        info.Environment["ORCHESTRATOR__JOURNAL__PROVIDER"] = "Sqlite";
        info.Environment["ORCHESTRATOR__NATIVE__MOUNTNAMESPACE"] = "host";

        var service = new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the orchestrator"), stateDir, socket, connections);
        try
        {
            await service.WaitForHealthAsync(socket);
            return service;
        }
        catch (Exception)
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, then waits for a clean exit; throws when it does not exit in time or exits with an error.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            throw new TimeoutException($"the orchestrator (pid {_process.Id}) did not stop within {StopTimeout} of SIGTERM and was killed; log:\n{LogTail()}");
        }

        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the orchestrator exited with {_process.ExitCode} on SIGTERM; log:\n{LogTail()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private async Task WaitForHealthAsync(string socket)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < HealthTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the orchestrator exited with {_process.ExitCode} before it was healthy; log:\n{LogTail()}");
            }

            if (File.Exists(socket))
            {
                try
                {
                    using var response = await Client.GetAsync(new Uri("/v1/health", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Bound but not yet listening: ask again.
                }
            }

            await Task.Delay(HealthInterval);
        }

        throw new TimeoutException($"the orchestrator was not healthy within {HealthTimeout}; log:\n{LogTail()}");
    }

    private static string LogIn(string stateDir) => Path.Combine(stateDir, "service.log");

    private string LogTail() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(40)) : "(no log)";
}
