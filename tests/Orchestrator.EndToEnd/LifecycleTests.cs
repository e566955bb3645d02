using System.Net;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>Stopping, draining and restarting the real executable in a namespace that outlives it.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [RootFact]
    public async Task Sigterm_DuringBusyTeardown_TeardownCompletesIsPersistedAndNewRequestsAreRefused()
    {
        using var ns = new MountNamespace();
        var image = Directory.CreateDirectory(Path.Combine(ns.Scratch, "images", "c1")).FullName;
        File.WriteAllText(Path.Combine(image, "held"), "busy");
        var slowRetries = new Dictionary<string, string>
        {
            // Long enough to send SIGTERM and probe while it retries; bounded so a bug cannot hang the suite.
            ["ORCHESTRATOR__TEARDOWN__MAXATTEMPTS"] = "100",
            ["ORCHESTRATOR__TEARDOWN__INITIALDELAYMS"] = "100",
            ["ORCHESTRATOR__TEARDOWN__MULTIPLIER"] = "1",
            ["ORCHESTRATOR__TEARDOWN__MAXDELAYMS"] = "100",
        };
        string rootfs;
        await using (var server = await OrchestratorServer.StartAsync(ns, slowRetries))
        {
            await (await server.Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("s1"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
            var plan = await (await server.Client.PostJsonAsync("/v1/sandboxes/s1/containers", Requests.BindContainer("c1", image)))
                .ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);
            rootfs = plan.Rootfs.HostPath!;
            var held = File.OpenRead(server.InServer(rootfs + "/held"));
            try
            {
                var delete = server.Client.DeleteAsync("/v1/sandboxes/s1/containers/c1");
                Assert.True(await Poll.UntilAsync(() => server.OutputContains("is busy (attempt"), attempts: 200), "the teardown never met EBUSY:\n" + server.Output);

                server.Terminate();
                using var probe = OrchestratorServer.CreateClient(server.Socket);
                Assert.True(await Poll.UntilAsync(async () => await RefusedAsync(probe), attempts: 100), "new requests were still served while draining");
                Assert.False(delete.IsCompleted, "the teardown finished before the file was released");
                held.Dispose();

                var report = await (await delete).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
                Assert.True(report.Clean, string.Join("; ", report.Errors));
                Assert.Equal(0, await server.WaitForExitAsync(ExitTimeout));
            }
            finally
            {
                held.Dispose();
            }
        }

        Assert.DoesNotContain(rootfs, ns.MountsUnder(ns.Scratch));
        await using (var restarted = await OrchestratorServer.StartAsync(ns))
        {
            var sandbox = await (await restarted.Client.GetAsync("/v1/sandboxes/s1")).ExpectAsync<SandboxResponse>(HttpStatusCode.OK);
            Assert.DoesNotContain(sandbox.Containers, c => c.Id == "c1" && c.Lifecycle != Actors.Containers.ContainerLifecycle.Destroyed);
            await (await restarted.Client.DeleteAsync("/v1/sandboxes/s1")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
            Assert.Empty(ns.MountsUnder(ns.Scratch));
        }
    }

    [RootFact]
    public async Task Restart_SameNamespace_FindsSandboxesAndDestroysThemLeavingNothing()
    {
        using var ns = new MountNamespace();
        var image = Directory.CreateDirectory(Path.Combine(ns.Scratch, "images", "c1")).FullName;
        var disk = Path.Combine(ns.Scratch, "images", "disk.img");
        using (var file = File.Create(disk))
        {
            file.SetLength(1 << 20);
        }

        await using (var first = await OrchestratorServer.StartAsync(ns))
        {
            await (await first.Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("s1"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
            await (await first.Client.PostJsonAsync("/v1/sandboxes/s1/containers", Requests.BindContainer("c1", image))).ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);
            var block = await (await first.Client.PostJsonAsync("/v1/sandboxes/s1/containers", $$$"""{"id":"c2","rootfs":{"type":"block","source":"{{{disk}}}"}}"""))
                .ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);
            Assert.StartsWith("/dev/loop", block.Rootfs.HostPath, StringComparison.Ordinal);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(ExitTimeout));
        }

        Assert.NotEmpty(ns.MountsUnder(ns.Scratch));
        await using (var second = await OrchestratorServer.StartAsync(ns))
        {
            var list = await (await second.Client.GetAsync("/v1/sandboxes")).ExpectAsync<SandboxListResponse>(HttpStatusCode.OK);
            var sandbox = Assert.Single(list.Sandboxes);
            Assert.Equal(["c1", "c2"], sandbox.Containers.Select(c => c.Id).Order(StringComparer.Ordinal));
            var sandboxDir = Path.GetDirectoryName(sandbox.MountsDir)!;

            var report = await (await second.Client.DeleteAsync("/v1/sandboxes/s1")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);

            Assert.True(report.Clean, string.Join("; ", report.Errors));
            Assert.Empty(ns.MountsUnder(ns.Scratch));
            Assert.False(Directory.Exists(sandboxDir));
            Assert.Equal(string.Empty, Losetup("-j", disk));
        }
    }

    [RootFact]
    public async Task Serve_SocketAlreadyServed_SecondServerRefusesToStart()
    {
        using var ns = new MountNamespace();
        await using var first = await OrchestratorServer.StartAsync(ns);

        var (exitCode, stderr) = await OrchestratorServer.RunToExitAsync(new Dictionary<string, string>(), ns);

        Assert.Equal(1, exitCode);
        Assert.Contains("another server is listening", stderr, StringComparison.Ordinal);
        Assert.True(await first.IsHealthyAsync());
    }

    [Theory]
    [InlineData("ORCHESTRATOR__JOURNAL__PROVIDER", "Mongo", "Orchestrator:Journal:Provider: unknown provider 'Mongo'; expected Sqlite or Postgres")]
    [InlineData("ORCHESTRATOR__RUNDIR", "relative/run", "Orchestrator:RunDir: must be an absolute path")]
    [InlineData("ORCHESTRATOR__TEARDOWN__MAXATTEMPTS", "zero", "Orchestrator:Teardown:MaxAttempts: must be an integer")]
    [InlineData("ORCHESTRATOR__JOURNAL__RETAINDESTROYEDSECONDS", "604801", "Orchestrator:Journal:RetainDestroyedSeconds: must be between 0 and 604800, got 604801")]
    [InlineData("ORCHESTRATOR__TELEMETRY__OTLPENDPOINT", "collector:4317", "Orchestrator:Telemetry:OtlpEndpoint: must be an absolute http:// or https:// URL")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "thrift", "OTEL_EXPORTER_OTLP_PROTOCOL: unknown protocol 'thrift'; expected grpc or http/protobuf")]
    public async Task Serve_InvalidConfiguration_ExitsTwoNamingTheKey(string variable, string value, string expected)
    {
        var (exitCode, stderr) = await OrchestratorServer.RunToExitAsync(new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<bool> RefusedAsync(HttpClient probe)
    {
        try
        {
            using var response = await probe.GetAsync("/v1/health");
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return false;
            }

            await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.Unavailable);
            return true;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private static string Losetup(params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("losetup", args) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}
