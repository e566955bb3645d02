using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Persistence;
using Orchestrator.Tests.Persistence.Sql;
using Orchestrator.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Sandboxes.Retention;

/// <summary>
/// The sandbox manager's retention on the real journal, written once and run on SQLite and
/// PostgreSQL: what was destroyed is deleted from the journal after the delay (across a restart
/// too), what lives is never touched, and the registry's own history stays bounded by its
/// snapshot without a sandbox's incarnation ever being handed out twice.
/// </summary>
public abstract class SandboxManagerRetentionTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly ContainerSpec Spec = new("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], []);

    protected SandboxManagerRetentionTests(JournalSettings settings, ITestOutputHelper output)
        : base(SqlJournalTestSystems.Prepare(settings), "retention", output)
    {
        Journal = settings;
    }

    protected JournalSettings Journal { get; }

    [ConformanceFact]
    public async Task DestroySandbox_RetentionZero_ItsAndItsContainersHistoriesDeletedAndLiveOnesUntouched()
    {
        var manager = StartManager(Sys, TimeSpan.Zero);
        await CreateAsync(manager, "gone", "c1", "c2");
        await CreateAsync(manager, "live", "c1");
        var live = await HistoriesAsync("live");
        var liveBefore = await EventsAsync(live);
        var gone = await HistoriesAsync("gone");
        Assert.Equal(3, gone.Count);

        Assert.True((await manager.Ask<TeardownReport>(new DestroySandbox("gone"), Patience)).Clean);

        await AwaitAssertAsync(async () => Assert.Empty((await IdsAsync()).Intersect(gone)), Patience);
        foreach (var id in gone)
        {
            Assert.Equal((0L, 0L), (await JournalTables.CountAsync(Journal, "journal", id), await JournalTables.CountAsync(Journal, "snapshot", id)));
        }

        Assert.Equal(liveBefore, await EventsAsync(live));
        await using var rows = await JournalRows.OpenAsync(Journal, SqlJournalTestRegistry.Instance);
        var deleted = (await rows.EventsAsync(SandboxManager.Name)).Select(e => e.Payload).OfType<HistoriesDeleted>().SelectMany(d => d.PersistenceIds);
        Assert.Equal(gone, deleted.Order(StringComparer.Ordinal));
    }

    [ConformanceFact]
    public async Task CreateSandbox_SameIdsAfterTheirHistoriesWereDeleted_NewPersistenceIdsStartingAtOne()
    {
        var manager = StartManager(Sys, TimeSpan.Zero);
        await CreateAsync(manager, "s1", "c1");
        var deleted = await HistoriesAsync("s1");
        Assert.True((await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Patience)).Clean);
        await AwaitAssertAsync(async () => Assert.Empty(await HistoriesAsync("s1")), Patience);

        await CreateAsync(manager, "s1", "c1");

        var again = await HistoriesAsync("s1");
        Assert.Equal(2, again.Count);
        Assert.Empty(again.Intersect(deleted));
        await using var rows = await JournalRows.OpenAsync(Journal, SqlJournalTestRegistry.Instance);
        foreach (var id in again)
        {
            Assert.Equal(1, (await rows.EventsAsync(id))[0].SequenceNr);
        }
    }

    [ConformanceFact]
    public async Task DestroyContainer_ShortRetention_KeptDuringTheDelayThenDeleted()
    {
        var manager = StartManager(Sys, TimeSpan.FromSeconds(2));
        await CreateAsync(manager, "s1", "c1", "c2");
        var container = (await HistoriesAsync("s1")).Single(id => id.Contains("/c1/", StringComparison.Ordinal));

        Assert.True((await manager.Ask<TeardownReport>(new DestroyContainer("s1", "c1"), Patience)).Clean);

        // Within the delay a reconnecting reader still finds the container's events.
        Assert.Contains(container, await IdsAsync());
        await AwaitAssertAsync(async () => Assert.DoesNotContain(container, await IdsAsync()), Patience);
        var left = await HistoriesAsync("s1");
        Assert.Equal(2, left.Count);
        Assert.Contains(left, id => id.Contains("/c2/", StringComparison.Ordinal));
        var sandbox = left.Single(id => id.StartsWith("sandbox-s1-", StringComparison.Ordinal));
        await AwaitAssertAsync(async () => Assert.Contains("HandedOver " + container, await DescribeAsync(sandbox)), Patience);
    }

    [ConformanceFact]
    public async Task Restart_BetweenUnregisterAndDeletion_DeletedByTheNextIncarnation()
    {
        var first = StartManager(Sys, TimeSpan.FromHours(1));
        await CreateAsync(first, "gone", "c1");
        var gone = await HistoriesAsync("gone");
        Assert.True((await first.Ask<TeardownReport>(new DestroySandbox("gone"), Patience)).Clean);
        await AwaitAssertAsync(async () => Assert.Contains("Unregistered gone", await RegistryAsync()), Patience);
        await Sys.Terminate();
        Assert.Equal(gone, (await IdsAsync()).Intersect(gone).Order(StringComparer.Ordinal));

        await WithSystemAsync("retention-second", async system =>
        {
            var second = StartManager(system, TimeSpan.Zero);
            Assert.Equal(0, (await second.Ask<RecoveryFinished>(AwaitRecovery.Instance, Patience)).Sandboxes);
            await AwaitAssertAsync(async () => Assert.Empty((await IdsAsync()).Intersect(gone)), Patience);
        });
    }

    [ConformanceFact]
    public async Task Snapshot_EveryFewEvents_RegistryBoundedRecoveredByANewSystemAndIncarnationsKeepGrowing()
    {
        var manager = StartManager(Sys, TimeSpan.Zero, snapshotEvery: 5);
        for (var i = 0; i < 6; i++)
        {
            await CreateAsync(manager, $"s{i}");
        }

        var incarnations = await IncarnationsAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await manager.Ask<TeardownReport>(new DestroySandbox($"s{i}"), Patience)).Clean);
        }

        await CreateAsync(manager, "after");
        incarnations = incarnations.Concat(await IncarnationsAsync()).DistinctBy(i => i.Key).ToDictionary();
        await AwaitAssertAsync(
            async () =>
            {
                Assert.True(await JournalTables.CountAsync(Journal, "journal", SandboxManager.Name) <= 6, "the registry's events were not bounded by its snapshot");
                Assert.Equal(1, await JournalTables.CountAsync(Journal, "snapshot", SandboxManager.Name));
            },
            Patience);
        await Sys.Terminate();

        await WithSystemAsync("retention-second", async system =>
        {
            var second = StartManager(system, TimeSpan.Zero, snapshotEvery: 5);
            Assert.Equal(4, (await second.Ask<RecoveryFinished>(AwaitRecovery.Instance, Patience)).Sandboxes);
            var listed = (await second.Ask<SandboxList>(ListSandboxes.Instance, Patience)).Sandboxes.Select(s => s.SandboxId);
            Assert.Equal(["after", "s3", "s4", "s5"], listed);
            await CreateAsync(second, "newest");
        });

        var newest = (await IncarnationsAsync())["newest"];
        Assert.True(newest > incarnations.Values.Max(), $"incarnation {newest} of a sandbox created after the restart is not above {incarnations.Values.Max()}");
        await using var rows = await JournalRows.OpenAsync(Journal);
        Assert.Equal(["after", "newest", "s3", "s4", "s5"], (await SandboxJournalReader.RegisteredAsync(rows)).Keys);
    }

    [ConformanceFact]
    public async Task Snapshot_WithinTheRetentionDelay_TheEventsItCoversAreKept()
    {
        var manager = StartManager(Sys, TimeSpan.FromHours(1), snapshotEvery: 5);
        for (var i = 0; i < 6; i++)
        {
            await CreateAsync(manager, $"s{i}");
        }

        await AwaitAssertAsync(async () => Assert.Equal(1, await JournalTables.CountAsync(Journal, "snapshot", SandboxManager.Name)), Patience);

        // Started, finished and six registrations: a reconnecting reader still finds every one.
        Assert.Equal(8, (await DescribeAsync(SandboxManager.Name)).Count);
    }

    private static IActorRef StartManager(ActorSystem system, TimeSpan retain, int snapshotEvery = 100)
    {
        var settings = new SandboxTreeSettings { RunDir = "/run/o", RetainDestroyed = retain, RegistrySnapshotEvery = snapshotEvery };
        var native = system.ActorOf(Props.Create(() => new HealthyNative()), "native");
        return system.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
    }

    private static async Task CreateAsync(IActorRef manager, string sandboxId, params string[] containers)
    {
        await manager.Ask<SandboxInfo>(new CreateSandbox(sandboxId), Patience);
        foreach (var containerId in containers)
        {
            await manager.Ask<ContainerCreatedReply>(new AddContainer(sandboxId, Spec with { Id = containerId }), Patience);
        }
    }

    private async Task WithSystemAsync(string name, Func<ActorSystem, Task> body)
    {
        var system = ActorSystem.Create(name, SqlJournalTestSystems.Setup(Journal));
        try
        {
            await body(system);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private async Task<IReadOnlyList<string>> IdsAsync()
    {
        await using var rows = await JournalRows.OpenAsync(Journal, SqlJournalTestRegistry.Instance);
        return await rows.PersistenceIdsAsync();
    }

    /// <summary>The sandbox's own history and those of its containers, as stored now.</summary>
    private async Task<IReadOnlyList<string>> HistoriesAsync(string sandboxId) =>
        [.. (await IdsAsync()).Where(id => id.StartsWith($"sandbox-{sandboxId}-", StringComparison.Ordinal) || id.StartsWith($"container/{sandboxId}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private async Task<IReadOnlyList<string>> EventsAsync(IEnumerable<string> ids)
    {
        await using var rows = await JournalRows.OpenAsync(Journal, SqlJournalTestRegistry.Instance);
        var events = new List<string>();
        foreach (var id in ids)
        {
            events.AddRange((await rows.EventsAsync(id)).Select(e => $"{id} {e.SequenceNr} {e.Manifest}"));
        }

        return events;
    }

    private async Task<IReadOnlyList<string>> DescribeAsync(string persistenceId)
    {
        await using var rows = await JournalRows.OpenAsync(Journal, SqlJournalTestRegistry.Instance);
        return [.. (await rows.EventsAsync(persistenceId)).Select(e => JournalEvents.Describe(e.Payload))];
    }

    private Task<IReadOnlyList<string>> RegistryAsync() => DescribeAsync(SandboxManager.Name);

    /// <summary>Every sandbox incarnation whose history is stored, by sandbox id.</summary>
    private async Task<IReadOnlyDictionary<string, long>> IncarnationsAsync() =>
        (await IdsAsync()).Where(id => id.StartsWith("sandbox-", StringComparison.Ordinal))
            .Select(id => (Sandbox: id["sandbox-".Length..id.LastIndexOf('-')], Incarnation: long.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(x => x.Sandbox, x => x.Incarnation, StringComparer.Ordinal);

    /// <summary>Stands in for the native-call actor: answers every call the way a healthy host would.</summary>
    private sealed class HealthyNative : ReceiveActor
    {
        public HealthyNative() => Receive<NativeCall>(call => Sender.Tell(new NativeCallReply(call.Id, ScriptedStepHost.Healthy(call.Request))));
    }
}
