using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>The real server pointed at an OTLP collector (a stand-in on the loopback address that keeps what it is sent).</summary>
public sealed class TelemetryTests
{
    [RootFact]
    public async Task Serve_OtlpEndpointConfigured_SendsTheRequestsSpansAndTheMetricsToTheCollector()
    {
        using var collector = new Collector();
        using var ns = new MountNamespace();
        await using var server = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string>
        {
            ["ORCHESTRATOR__TELEMETRY__OTLPENDPOINT"] = collector.Endpoint,
            // The standard variables are honoured: the protocol, the resource, the export schedule.
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "orchestrator-e2e",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });

        await (await server.Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("sb-otlp"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
        await (await server.Client.DeleteAsync("/v1/sandboxes/sb-otlp")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);

        // Protobuf carries strings as UTF-8 bytes: the span and metric names are found in the bodies as they are.
        Assert.True(await Poll.UntilAsync(() => collector.Received("/v1/traces", "sandbox.create", "native.ensure-directory", "sandbox.destroy", "orchestrator-e2e"), attempts: 200),
            "no trace export with the sandbox's steps; paths received: " + string.Join(", ", collector.Paths));
        Assert.True(await Poll.UntilAsync(() => collector.Received("/v1/metrics", "orchestrator.mounts", "http.server.request.duration", "orchestrator-e2e"), attempts: 200),
            "no metric export with the orchestrator's instruments; paths received: " + string.Join(", ", collector.Paths));
    }

    /// <summary>Answers every OTLP/HTTP export with 200 and keeps the path and body.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
        private readonly Task _serving;

        public Collector()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public IEnumerable<string> Paths => _exports.Select(e => e.Path).Distinct();

        public bool Received(string path, params string[] texts) =>
            texts.All(text => _exports.Any(e => e.Path == path && e.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0));

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            // Stopping the listener ends the pending GetContextAsync with an error: that is the loop's end.
            Assert.True(_serving.Wait(TimeSpan.FromSeconds(10)));
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
