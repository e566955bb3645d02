using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary><c>GET /v1/events</c> on the real executable: across a crash and a restart, at a stop, at its limit.</summary>
public sealed class EventStreamTests
{
    // The teardown the crash cut short is journaled as started again when recovery resumes it.
    private static readonly string[] Lifecycle =
    [
        "sandbox.created", "sandbox.ready", "container.created", "container.running", "container.destroying",
        "container.destroying", "container.destroyed", "sandbox.destroying", "sandbox.destroyed",
    ];

    [RootFact]
    public async Task Events_CrashDuringTeardownThenRestart_ResumedStreamMissesAndRepeatsNothing()
    {
        using var ns = new MountNamespace();
        var image = Directory.CreateDirectory(Path.Combine(ns.Scratch, "images", "c1")).FullName;
        IReadOnlyList<Cli.ServerSentEvent> beforeCrash;
        await using (var crashing = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string>
        {
            // A crash right after the teardown's first unmount intent is journaled.
            ["ORCHESTRATOR_FAILPOINTS"] = "undo.bind.after-intent=crash",
        }))
        {
            await using var subscriber = await EventStreamClient.OpenAsync(crashing.Socket);
            await (await crashing.Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("s1"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
            await (await crashing.Client.PostJsonAsync("/v1/sandboxes/s1/containers", Requests.BindContainer("c1", image))).ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);
            Assert.True(await subscriber.WaitForAsync(e => e.Any(m => m.Event == "container.running")), Describe(subscriber.Messages));

            await Assert.ThrowsAnyAsync<HttpRequestException>(() => crashing.Client.DeleteAsync("/v1/sandboxes/s1/containers/c1"));
            Assert.NotEqual(0, await crashing.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            await subscriber.Ended.WaitAsync(TimeSpan.FromSeconds(10));
            beforeCrash = subscriber.Events;
        }

        var lastSeen = long.Parse(beforeCrash[^1].Id!, CultureInfo.InvariantCulture);
        await using var restarted = await OrchestratorServer.StartAsync(ns);
        await using (var resumed = await EventStreamClient.OpenAsync(restarted.Socket, lastEventId: lastSeen))
        {
            // Recovery finishes the interrupted teardown by itself; then the sandbox goes.
            Assert.True(await resumed.WaitForAsync(e => e.Any(m => m.Event == "container.destroyed")), Describe(resumed.Messages));
            await (await restarted.Client.DeleteAsync("/v1/sandboxes/s1")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
            Assert.True(await resumed.WaitForAsync(e => e.Any(m => m.Event == "sandbox.destroyed")), Describe(resumed.Messages));

            await using var whole = await EventStreamClient.OpenAsync(restarted.Socket, "?after=0");
            Assert.True(await whole.WaitForAsync(e => e.Any(m => m.Event == "sandbox.destroyed")), Describe(whole.Messages));

            var seen = beforeCrash.Concat(resumed.Events).ToList();
            Assert.Equal(whole.Events.Select(m => (m.Id, m.Event, m.Data)), seen.Select(m => (m.Id, m.Event, m.Data)));
            var positions = seen.Select(m => long.Parse(m.Id!, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(positions.Distinct().Order(), positions);
            Assert.Equal(Lifecycle, seen.Select(m => m.Event).Where(t => !t.StartsWith("service.", StringComparison.Ordinal)));
            // Whatever the crash kept from the first stream (the teardown's start may or may not have
            // reached it), the resumed one began right after it.
            Assert.Contains(beforeCrash, m => m.Event == "container.running");
            Assert.True(long.Parse(resumed.Events[0].Id!, CultureInfo.InvariantCulture) > lastSeen);
        }

        Assert.Empty(ns.MountsUnder(ns.Scratch));
    }

    [RootFact]
    public async Task Stop_WithAStreamOpen_EndsItWithShutdownAndExitsWithoutWaitingOutTheDrain()
    {
        using var ns = new MountNamespace();
        await using var server = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string> { ["ORCHESTRATOR__SHUTDOWNTIMEOUTSECONDS"] = "30" });
        await (await server.Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("s1"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
        await using var subscriber = await EventStreamClient.OpenAsync(server.Socket);
        Assert.True(await subscriber.WaitForAsync(e => e.Any(m => m.Event == "sandbox.ready")), Describe(subscriber.Messages));

        var stopping = Stopwatch.StartNew();
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        stopping.Stop();
        await subscriber.Ended.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"the stop took {stopping.Elapsed}: it waited for the stream");
        var last = subscriber.Messages[^1];
        Assert.Equal("shutdown", last.Event);
        Assert.Equal(subscriber.Events[^1].Id, last.Id);
    }

    [RootFact]
    public async Task Events_BeyondTheLimitOrWithABadParameter_ProblemsAndNothingStreamed()
    {
        using var ns = new MountNamespace();
        await using var server = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string> { ["ORCHESTRATOR__EVENTS__MAXSUBSCRIBERS"] = "1" });
        await using var first = await EventStreamClient.OpenAsync(server.Socket);

        using var refused = await server.Client.GetAsync("/v1/events");
        var unavailable = await refused.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.Unavailable);
        Assert.Contains("Orchestrator:Events:MaxSubscribers", unavailable.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);

        using var bad = await server.Client.GetAsync("/v1/events?sandbox=../x&after=-1");
        var problem = await bad.ExpectProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.Equal(["after", "sandbox"], problem.Errors!.Keys.Order(StringComparer.Ordinal));

        await first.DisposeAsync();
        Assert.True(await Poll.UntilAsync(async () =>
        {
            using var again = await server.Client.GetAsync("/v1/events", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        }), "the slot was not given back when the first stream closed");
    }

    private static string Describe(IReadOnlyList<Cli.ServerSentEvent> messages) =>
        "events so far: " + string.Join(", ", messages.Select(m => $"{m.Id} {m.Event}"));
}
