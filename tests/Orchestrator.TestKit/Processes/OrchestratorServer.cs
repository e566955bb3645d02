using System.Diagnostics;
using System.Net.Http.Json;
using Orchestrator.Native.Net;

namespace Orchestrator.TestKit.Processes;

/// <summary>
/// One <c>orchestrator serve</c> process inside a <see cref="NamespaceKeeper"/>'s namespace
/// (<c>nsenter --mount=… -- dotnet orchestrator.dll serve</c>), or in the caller's own when there is
/// no keeper, configured only through the environment it is given, its output appended to a log
/// file. Killing it is a real SIGKILL.
/// </summary>
public sealed class OrchestratorServer : IAsyncDisposable
{
    private const int SigKillExitCode = 137;
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;

    private OrchestratorServer(Process process, string socketPath, string logPath, TimeSpan clientTimeout, int clientConnections)
    {
        _process = process;
        SocketPath = socketPath;
        LogPath = logPath;
        Client = UnixSocketHttp.Create(socketPath, clientTimeout, maxConnections: clientConnections);
        Started = Stopwatch.StartNew();
    }

    public int Pid => _process.Id;

    public string SocketPath { get; }

    public string LogPath { get; }

    /// <summary>An HTTP client over the server's socket (the host of request URIs is ignored).</summary>
    public HttpClient Client { get; }

    /// <summary>Runs from the moment the process was started.</summary>
    public Stopwatch Started { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the server in <paramref name="keeper"/>'s namespace, or in this process's own when it is
    /// null. Only <paramref name="environment"/> and <paramref name="arguments"/> (after <c>serve</c>,
    /// e.g. <c>--Orchestrator:RunDir=/x</c>) configure it: inherited <c>ORCHESTRATOR*</c> and <c>OTEL_*</c>
    /// variables are removed so a drill never runs with a failpoint, a setting or a collector it did
    /// not ask for; <paramref name="workingDirectory"/> keeps an <c>appsettings.json</c> in the
    /// caller's directory out of it.
    /// </summary>
    public static OrchestratorServer Start(
        NamespaceKeeper? keeper, OrchestratorExecutable executable, string socketPath, string logPath, IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<string>? arguments = null, string? workingDirectory = null, TimeSpan? clientTimeout = null, int clientConnections = 4)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(environment);

        // sh redirects and then execs, so the pid we hold is the server's own pid (nsenter execs too).
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workingDirectory ?? string.Empty };
        string[] enter = keeper is null ? [] : ["nsenter", "--mount=" + keeper.NamespacePath, "--"];
        foreach (var arg in (string[])["-c", "exec \"$@\" >>\"$ORCHESTRATOR_DRILL_LOG\" 2>&1", "sh", .. enter, "dotnet", executable.DllPath, "serve", .. arguments ?? []])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ORCHESTRATOR", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["ORCHESTRATOR__SOCKET"] = socketPath;
        info.Environment["ORCHESTRATOR_DRILL_LOG"] = logPath;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the orchestrator");
        return new OrchestratorServer(process, socketPath, logPath, clientTimeout ?? TimeSpan.FromSeconds(120), clientConnections);
    }

    /// <summary>
    /// Polls <c>GET /v1/health</c> until it answers <c>ok</c>, at most <paramref name="attempts"/> times;
    /// fails at once, with the log's tail, when the process exits instead.
    /// </summary>
    public async Task WaitForHealthAsync(int attempts = 600, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the orchestrator exited with {_process.ExitCode} before it was healthy; log:\n{LogTail()}");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using var response = await Client.GetAsync(new Uri("/v1/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode
                        && await response.Content.ReadFromJsonAsync<HealthBody>(cancellationToken).ConfigureAwait(false) is { Status: "ok" })
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // A stale socket from a killed server, or not listening yet: ask again.
                }
            }

            await Task.Delay(HealthInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the orchestrator was not healthy after {attempts} attempts; log:\n{LogTail()}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>; returns the exit code (137).</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        return await WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <summary>SIGTERM, a clean stop: drains and exits 0.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        return await WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Waits for the process to end by itself (a failpoint's crash); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the orchestrator (pid {Pid}) did not exit within {timeout}; log:\n{LogTail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>True when the exit code is the one SIGKILL leaves (128 + 9).</summary>
    public static bool IsKilled(int exitCode) => exitCode == SigKillExitCode;

    /// <summary>The last lines of the server's log, for failure messages.</summary>
    public string LogTail(int lines = 40) =>
        File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync().ConfigureAwait(false);
        }

        Client.Dispose();
        _process.Dispose();
    }

    private sealed record HealthBody(string Status);
}
