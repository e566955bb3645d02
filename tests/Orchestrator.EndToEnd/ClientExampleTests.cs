using System.Diagnostics;
using System.Net;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>
/// The README's integration example, <c>examples/python/orchestrator_client.py</c> (standard library
/// only), run against the real service: what a VM manager's team copies must keep working.
/// </summary>
public sealed class ClientExampleTests
{
    [RootFact]
    public async Task PythonClient_CreatesSandboxWithContainerAndTearsItDown_LeavingNothing()
    {
        using var ns = new MountNamespace();
        var rootfs = Directory.CreateDirectory(Path.Combine(ns.Scratch, "images", "app")).FullName;
        var volume = Directory.CreateDirectory(Path.Combine(ns.Scratch, "volumes", "data")).FullName;
        await using var server = await OrchestratorServer.StartAsync(ns);

        var (exit, stdout, stderr) = await RunClientAsync(server.Socket, "demo", "--sandbox", "py1", "--rootfs", rootfs, "--volume", volume);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("sandbox py1: ready", stdout, StringComparison.Ordinal);
        Assert.Contains("/data <- ", stdout, StringComparison.Ordinal);
        Assert.Contains("\"app\": \"running\"", stdout, StringComparison.Ordinal);
        Assert.Contains("destroyed py1: clean=true", stdout, StringComparison.Ordinal);
        var list = await (await server.Client.GetAsync("/v1/sandboxes")).ExpectAsync<SandboxListResponse>(HttpStatusCode.OK);
        Assert.DoesNotContain(list.Sandboxes, s => s.Id == "py1");
        Assert.Empty(server.MountsUnder(server.RunDir));
    }

    [RootFact]
    public async Task PythonClient_RefusedRequest_PrintsTheProblemAndExitsOne()
    {
        using var ns = new MountNamespace();
        await using var server = await OrchestratorServer.StartAsync(ns);

        var (exit, stdout, stderr) = await RunClientAsync(server.Socket, "demo", "--sandbox", "py2", "--rootfs", "relative/dir");

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("orchestrator refused: 400 ", stderr, StringComparison.Ordinal);
        // The sandbox was created before the container was refused; the script's finally destroyed it.
        Assert.Contains("destroyed py2: clean=true", stdout, StringComparison.Ordinal);
        Assert.Empty(server.MountsUnder(server.RunDir));
    }

    [RootFact]
    public async Task PythonClient_NoServer_ExitsTwoNamingTheSocket()
    {
        using var ns = new MountNamespace();
        var socket = Path.Combine(ns.Scratch, "absent.sock");

        var (exit, _, stderr) = await RunClientAsync(socket, "demo", "--sandbox", "py3", "--rootfs", ns.Scratch);

        Assert.Equal(2, exit);
        Assert.Contains($"cannot reach the orchestrator on {socket}", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunClientAsync(string socket, params string[] args)
    {
        var info = new ProcessStartInfo("python3", [Script, "--socket", socket, .. args])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Script { get; } = Path.Combine(RepositoryRoot(), "examples", "python", "orchestrator_client.py");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}
