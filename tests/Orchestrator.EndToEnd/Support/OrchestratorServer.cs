using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using Orchestrator.Api.Contracts;

namespace Orchestrator.EndToEnd.Support;

/// <summary>
/// The real executable, started with <c>nsenter</c> inside a <see cref="MountNamespace"/> and
/// configured through environment variables; driven only through its unix socket.
/// </summary>
public sealed class OrchestratorServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private OrchestratorServer(Process process, string socket, string runDir)
    {
        _process = process;
        Socket = socket;
        RunDir = runDir;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = CreateClient(socket);
    }

    public int Pid => _process.Id;

    public string Socket { get; }

    public string RunDir { get; }

    public HttpClient Client { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>The server's view of a host path (its root is the namespace's root).</summary>
    public string InServer(string path) => $"/proc/{Pid}/root{path}";

    public IReadOnlyList<string> MountsUnder(string prefix) => MountInfo.MountPointsUnder($"/proc/{Pid}/mountinfo", prefix);

    public static async Task<OrchestratorServer> StartAsync(MountNamespace ns, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = InNamespace(ns);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var server = new OrchestratorServer(Process.Start(info)!, info.Environment["ORCHESTRATOR__SOCKET"]!, info.Environment["ORCHESTRATOR__RUNDIR"]!);
        var ready = await Poll.UntilAsync(async () => server.HasExited || await server.IsHealthyAsync(), attempts: 300, intervalMs: 50);
        if (!ready || server.HasExited)
        {
            var output = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"the server did not become healthy:\n{output}");
        }

        return server;
    }

    /// <summary>Starts <paramref name="info"/> (output captured) without waiting for it to become healthy.</summary>
    public static OrchestratorServer Start(ProcessStartInfo info, string socket, string runDir) =>
        new(Process.Start(Configure(info)) ?? throw new InvalidOperationException("could not start " + info.FileName), socket, runDir);

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await Client.GetAsync("/v1/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM, as a service manager does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public bool OutputContains(string text) => _output.Any(l => l.Contains(text, StringComparison.Ordinal));

    public async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(ApiJson.Options) ?? throw new InvalidOperationException("empty body");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Terminate();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    /// <summary>Runs <c>serve</c> outside any namespace with the given environment, expecting it to refuse to start.</summary>
    public static async Task<(int ExitCode, string StandardError)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, MountNamespace? ns = null)
    {
        var info = ns is null ? Configure(new ProcessStartInfo("dotnet", [ExecutablePath, "serve"])) : InNamespace(ns);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    public static HttpClient CreateClient(string socket)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch (Exception)
                {
                    s.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://orchestrator"), Timeout = TimeSpan.FromSeconds(60) };
    }

    private static string ExecutablePath { get; } = FindExecutable();

    private static ProcessStartInfo InNamespace(MountNamespace ns)
    {
        var info = Configure(new ProcessStartInfo("nsenter", [$"--mount={ns.NamespacePath}", "--", "dotnet", ExecutablePath, "serve"]));
        var run = Path.Combine(ns.Scratch, "run");
        info.Environment["ORCHESTRATOR__STATEDIR"] = Path.Combine(ns.Scratch, "state");
        info.Environment["ORCHESTRATOR__RUNDIR"] = run;
        info.Environment["ORCHESTRATOR__SOCKET"] = Path.Combine(run, "api", "orchestrator.sock");
        info.Environment["ORCHESTRATOR__NATIVE__MOUNTNAMESPACE"] = "host";
        return info;
    }

    private static ProcessStartInfo Configure(ProcessStartInfo info)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    private static string FindExecutable()
    {
        // tests/Orchestrator.EndToEnd/bin/<Configuration>/<tfm>/ → src/Orchestrator/bin/<Configuration>/<tfm>/orchestrator.dll
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orchestrator.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory),
            "src", "Orchestrator", "bin", configuration, tfm, "orchestrator.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException("build the solution first: " + path + " is missing");
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
