using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Orchestrator.Actors.Persistence.Sql;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// Akka persistent actors on the orchestrator's journal setup, written once and run against
/// SQLite and PostgreSQL: persist and recover, a second actor system on the same store, snapshots,
/// many writers at once, and the failpoint after a commit.
/// </summary>
public abstract class SqlJournalContractTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected SqlJournalContractTests(JournalSettings settings, ITestOutputHelper output)
        : base(SqlJournalTestSystems.Prepare(settings), "journal", output)
    {
        Settings = settings;
    }

    protected JournalSettings Settings { get; }

    [ConformanceFact]
    public void Persist_ThenRecreateActor_RecoversEveryEventInOrder()
    {
        var first = Sys.ActorOf(CounterActor.Props("counter-1"));
        for (var i = 1; i <= 5; i++)
        {
            first.Tell(new CounterActor.Add(i), TestActor);
            Assert.Equal(i, ExpectMsg<CounterActor.Added>(Patience).Value);
        }

        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Patience);

        var again = Sys.ActorOf(CounterActor.Props("counter-1"));
        again.Tell(new CounterActor.Read(), TestActor);
        Assert.Equal([1, 2, 3, 4, 5], ExpectMsg<CounterActor.Values>(Patience).All);
    }

    [ConformanceFact]
    public async Task NewActorSystem_OnSameStore_RecoversEveryEventInOrder()
    {
        var writers = Enumerable.Range(0, 8).Select(i => Sys.ActorOf(CounterActor.Props($"restart-{i}"))).ToArray();
        for (var round = 0; round < 10; round++)
        {
            foreach (var writer in writers)
            {
                writer.Tell(new CounterActor.Add(round), TestActor);
            }

            ExpectMsgAllOf(Patience, writers.Select(_ => new CounterActor.Added(round)).ToArray());
        }

        await Sys.Terminate();

        var second = ActorSystem.Create("journal-second", SqlJournalTestSystems.Setup(Settings));
        try
        {
            var probe = new Akka.TestKit.TestProbe(second, new Akka.TestKit.Xunit2.XunitAssertions());
            for (var i = 0; i < writers.Length; i++)
            {
                second.ActorOf(CounterActor.Props($"restart-{i}")).Tell(new CounterActor.Read(), probe.Ref);
                Assert.Equal(Enumerable.Range(0, 10), probe.ExpectMsg<CounterActor.Values>(Patience).All);
            }
        }
        finally
        {
            await second.Terminate();
        }
    }

    [ConformanceFact]
    public void Snapshot_ThenMoreEvents_RecoversFromSnapshotAndTail()
    {
        var first = Sys.ActorOf(CounterActor.Props("snapshotted"));
        first.Tell(new CounterActor.Add(1), TestActor);
        first.Tell(new CounterActor.Add(2), TestActor);
        ExpectMsg<CounterActor.Added>(Patience);
        ExpectMsg<CounterActor.Added>(Patience);
        first.Tell(new CounterActor.TakeSnapshot(), TestActor);
        Assert.Equal(2, ExpectMsg<SaveSnapshotSuccess>(Patience).Metadata.SequenceNr);
        first.Tell(new CounterActor.Add(3), TestActor);
        ExpectMsg<CounterActor.Added>(Patience);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Patience);

        Sys.ActorOf(CounterActor.Props("snapshotted")).Tell(new CounterActor.Read(), TestActor);
        Assert.Equal([1, 2, 3], ExpectMsg<CounterActor.Values>(Patience).All);
    }

    [ConformanceFact]
    public async Task PurgeHistories_RetiredIdWithEventsTagsAndSnapshot_EverythingOfItGoneAndOthersKept()
    {
        foreach (var id in new[] { "retired", "kept" })
        {
            var counter = Sys.ActorOf(CounterActor.Props(id));
            for (var i = 1; i <= 3; i++)
            {
                counter.Tell(new CounterActor.Add(i), TestActor);
                ExpectMsg<CounterActor.Added>(Patience);
            }

            counter.Tell(new CounterActor.TakeSnapshot(), TestActor);
            ExpectMsg<SaveSnapshotSuccess>(Patience);
            await JournalTables.TagAllAsync(Settings, id, "lifecycle");
        }

        var journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        journal.Tell(new PurgeHistories(["retired"]), TestActor);

        Assert.Equal(3 + 3 + 1, ExpectMsg<HistoriesPurged>(Patience).Rows);
        foreach (var table in new[] { "journal", "tags", "snapshot" })
        {
            Assert.Equal(0, await JournalTables.CountAsync(Settings, table, "retired"));
        }

        Assert.Equal((3L, 3L, 1L), (await JournalTables.CountAsync(Settings, "journal", "kept"), await JournalTables.CountAsync(Settings, "tags", "kept"), await JournalTables.CountAsync(Settings, "snapshot", "kept")));
        await using var rows = await JournalRows.OpenAsync(Settings, SqlJournalTestRegistry.Instance);
        Assert.DoesNotContain("retired", await rows.PersistenceIdsAsync());
    }

    [ConformanceFact]
    public void ManyWriters_OneEventInFlightEach_EveryEventDurableAndOrdered()
    {
        const int writers = 64;
        const int rounds = 5;
        var actors = Enumerable.Range(0, writers).Select(i => Sys.ActorOf(CounterActor.Props($"many-{i}"))).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var actor in actors)
            {
                actor.Tell(new CounterActor.Add(round), TestActor);
            }

            ExpectMsgAllOf(Patience, actors.Select(_ => new CounterActor.Added(round)).ToArray());
        }

        foreach (var actor in actors)
        {
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor, Patience);
        }

        for (var i = 0; i < writers; i++)
        {
            Sys.ActorOf(CounterActor.Props($"many-{i}")).Tell(new CounterActor.Read(), TestActor);
            Assert.Equal(Enumerable.Range(0, rounds), ExpectMsg<CounterActor.Values>(Patience).All);
        }
    }
}
