using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orchestrator.Actors.Tracing;
using Orchestrator.Hosting;
using Orchestrator.Native.Net;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Tracing;

/// <summary>
/// The real host, in this process, with OpenTelemetry's in-memory exporter listening as a collector
/// would: a request's span has the actor steps it caused as children and their native calls below them.
/// </summary>
public sealed class RequestTracingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _root = Directory.CreateTempSubdirectory("request-tracing-").FullName;
    private readonly SpanList _spans = new();
    private readonly CancellationTokenSource _stop = new();
    private TracerProvider? _tracing;
    private HttpClient? _client;
    private Task<int>? _host;

    private string RunDir => Path.Combine(_root, "run");

    private HttpClient Client => _client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        if (!Privilege.IsRoot)
        {
            return;
        }

        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(OrchestratorTracing.SourceName)
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build();
        string[] args =
        [
            $"--Orchestrator:StateDir={_root}/state",
            $"--Orchestrator:RunDir={RunDir}",
            "--Orchestrator:Native:MountNamespace=private",
            "--Serilog:MinimumLevel:Default=Warning",
        ];
        _host = Task.Run(() => OrchestratorHost.RunAsync(args, _stop.Token));
        _client = UnixSocketHttp.Create(Path.Combine(RunDir, "orchestrator.sock"), Patience, maxConnections: 2);
        for (var attempt = 0; !await HealthyAsync(); attempt++)
        {
            Assert.False(_host.IsCompleted, $"the host stopped with {(_host.IsCompletedSuccessfully ? _host.Result : -1)}");
            Assert.True(attempt < 300, "the host did not become healthy");
            await Task.Delay(50);
        }
    }

    [RootFact]
    public async Task AddContainer_Traced_RequestSpanParentsTheStepsAndTheirNativeCalls()
    {
        var image = Directory.CreateDirectory(Path.Combine(_root, "images", "c1")).FullName;
        await PostAsync("/v1/sandboxes", """{"id":"sb-traced","sharedFs":"virtiofs"}""", HttpStatusCode.Created);

        var plan = await PostAsync("/v1/sandboxes/sb-traced/containers", $$$"""{"id":"c1","rootfs":{"type":"bind","source":"{{{image}}}"}}""", HttpStatusCode.Created);

        var request = await RequestSpanAsync("POST", "/v1/sandboxes/{id}/containers/");
        var steps = Children(request);
        var accept = Assert.Single(steps, s => s.OperationName == StepNames.SandboxAddContainer);
        var create = Assert.Single(steps, s => s.OperationName == StepNames.ContainerCreate);
        Assert.Equal(("sb-traced", "c1"), (create.GetTagItem(OrchestratorTracing.SandboxIdAttribute), create.GetTagItem(OrchestratorTracing.ContainerIdAttribute)));
        Assert.Contains(Children(accept), c => c.OperationName == "native.inspect-host-paths");
        var rootfs = plan.RootElement.GetProperty("rootfs").GetProperty("hostPath").GetString();
        var bind = Assert.Single(Children(create), c => c.OperationName == "native.bind-mount" && Equals(c.GetTagItem(OrchestratorTracing.TargetAttribute), rootfs));
        Assert.Equal("bind-mount", bind.GetTagItem(OrchestratorTracing.OperationAttribute));
        Assert.Equal(image, bind.GetTagItem(OrchestratorTracing.SourceAttribute));
        Assert.Equal("ok", bind.GetTagItem(OrchestratorTracing.OutcomeAttribute));
    }

    [RootFact]
    public async Task CreateSandbox_DirectoryBlockedByAFile_FailingCallSpanCarriesErrnoUnderTheFailedStep()
    {
        await PostAsync("/v1/sandboxes", """{"id":"sb-first","sharedFs":"virtiofs"}""", HttpStatusCode.Created);
        var blocked = Path.Combine(RunDir, "sandboxes", "sb-blocked");
        await File.WriteAllTextAsync(blocked, "not a directory");

        var problem = await PostAsync("/v1/sandboxes", """{"id":"sb-blocked","sharedFs":"virtiofs"}""", HttpStatusCode.InternalServerError);

        var request = await RequestSpanAsync("POST", "/v1/sandboxes/", status: 500);
        var step = Assert.Single(Children(request), s => s.OperationName == StepNames.SandboxCreate);
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        var failed = Assert.Single(Children(step), c => Equals(c.GetTagItem(OrchestratorTracing.OutcomeAttribute), "failed"));
        Assert.Equal("native.ensure-directory", failed.OperationName);
        Assert.Equal(blocked, failed.GetTagItem(OrchestratorTracing.TargetAttribute));
        Assert.Equal(problem.RootElement.GetProperty("errno").GetString(), failed.GetTagItem(OrchestratorTracing.ErrnoAttribute));
        Assert.Equal(problem.RootElement.GetProperty("syscall").GetString(), failed.GetTagItem(OrchestratorTracing.SyscallAttribute));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_client is not null)
            {
                foreach (var id in new[] { "sb-traced", "sb-first" })
                {
                    using var _ = await _client.DeleteAsync($"/v1/sandboxes/{id}");
                }
            }

            await _stop.CancelAsync();
            if (_host is not null)
            {
                Assert.Equal(OrchestratorHost.ExitOk, await _host.WaitAsync(Patience));
            }
        }
        finally
        {
            _client?.Dispose();
            _tracing?.Dispose();
            _stop.Dispose();
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<bool> HealthyAsync()
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

    private async Task<JsonDocument> PostAsync(string path, string json, HttpStatusCode expected)
    {
        using var response = await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>The server span of the one request to <paramref name="route"/>: it ends after the response is written, so it is waited for.</summary>
    private async Task<Activity> RequestSpanAsync(string method, string route, int status = 0)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = _spans.Snapshot().Where(a => a.Kind == ActivityKind.Server
                && Equals(a.GetTagItem("http.route"), route)
                && Equals(a.GetTagItem("http.request.method"), method)
                && (status == 0 || Equals(a.GetTagItem("http.response.status_code"), status))).ToList();
            if (found.Count == 1)
            {
                return found[0];
            }

            Assert.True(found.Count == 0 && attempt < 300, $"expected one {method} {route} span, found {found.Count}");
            await Task.Delay(20);
        }
    }

    private List<Activity> Children(Activity parent) =>
        [.. _spans.Snapshot().Where(a => a.TraceId == parent.TraceId && a.ParentSpanId == parent.SpanId)];

    /// <summary>The exporter adds from whichever thread ends a span; the test reads copies taken under the same lock.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        private readonly Lock _lock = new();

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (_lock)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
