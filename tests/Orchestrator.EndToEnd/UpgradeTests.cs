using System.Net;
using Orchestrator.Actors.Containers;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>
/// A node that ran the release before the move onto Akka.NET: its journal (three sandboxes created,
/// one destroyed; four containers with bind and block rootfs, a read-only volume, a hot-added path
/// and a loop device, one container destroyed) is upgraded in place at start-up, every live sandbox
/// and container comes back, and destroying them leaves nothing.
/// </summary>
[Collection(UpgradeCollection.Name)]
public sealed class UpgradeTests
{
    // The fixture's layout was journaled below this run dir, as a node configured with it would have.
    private const string FixtureRunDir = "/run/orchestrator-upgrade-fixture";

    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-before-akka.db");

    [RootFact]
    public async Task Serve_JournalOfThePreviousRelease_UpgradesOnceRecoversEverythingAndDestroysItLeavingNothing()
    {
        using var ns = new MountNamespace();
        var state = Directory.CreateDirectory(Path.Combine(ns.Scratch, "state")).FullName;
        File.Copy(Fixture, Path.Combine(state, "journal.db"));
        var settings = new Dictionary<string, string>
        {
            ["ORCHESTRATOR__STATEDIR"] = state,
            ["ORCHESTRATOR__RUNDIR"] = FixtureRunDir,
        };
        try
        {
            await using (var first = await OrchestratorServer.StartAsync(ns, settings))
            {
                Assert.True(first.OutputContains("upgraded from schema version 1 to 3"), first.Output);
                var sandboxes = await RecoveredAsync(first);
                Assert.Equal(["s1", "s2"], sandboxes.Select(s => s.Id));
                Assert.Equal(["c1", "c2"], sandboxes[0].Containers.Select(c => c.Id).Order(StringComparer.Ordinal));
                Assert.Equal(["c3"], sandboxes[1].Containers.Select(c => c.Id));
                first.Terminate();
                Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }

            await using var second = await OrchestratorServer.StartAsync(ns, settings);
            Assert.False(second.OutputContains("upgraded from schema version"), second.Output);
            Assert.Equal(2, (await RecoveredAsync(second)).Count);

            foreach (var id in new[] { "s1", "s2" })
            {
                var report = await (await second.Client.DeleteAsync($"/v1/sandboxes/{id}")).ExpectAsync<TeardownReportResponse>(HttpStatusCode.OK);
                Assert.True(report.Clean, string.Join("; ", report.Errors));
            }

            var after = await (await second.Client.GetAsync("/v1/sandboxes")).ExpectAsync<SandboxListResponse>(HttpStatusCode.OK);
            Assert.Empty(after.Sandboxes);
            Assert.Empty(second.MountsUnder(FixtureRunDir));
            var sandboxesDir = second.InServer(FixtureRunDir + "/sandboxes");
            Assert.True(!Directory.Exists(sandboxesDir) || !Directory.EnumerateFileSystemEntries(sandboxesDir).Any(), "something was left below " + sandboxesDir);
        }
        finally
        {
            if (Directory.Exists(FixtureRunDir))
            {
                Directory.Delete(FixtureRunDir, recursive: true);
            }
        }
    }

    /// <summary>The listing once every container has reported in after recovery.</summary>
    private static async Task<IReadOnlyList<SandboxResponse>> RecoveredAsync(OrchestratorServer server)
    {
        IReadOnlyList<SandboxResponse> sandboxes = [];
        var settled = await Poll.UntilAsync(
            async () =>
            {
                sandboxes = (await (await server.Client.GetAsync("/v1/sandboxes")).ExpectAsync<SandboxListResponse>(HttpStatusCode.OK)).Sandboxes;
                return sandboxes.SelectMany(s => s.Containers).All(c => c.Lifecycle == ContainerLifecycle.Running);
            },
            attempts: 200);
        Assert.True(settled, string.Join("; ", sandboxes.SelectMany(s => s.Containers.Select(c => $"{s.Id}/{c.Id} {c.Lifecycle}"))));
        return sandboxes;
    }
}

/// <summary>The fixture's run dir is one fixed path: its tests never run in parallel with each other.</summary>
[CollectionDefinition(Name)]
public sealed class UpgradeCollection
{
    public const string Name = "upgrade fixture";
}
