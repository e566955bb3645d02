using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.InMemory;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Persistence;

public sealed partial class ReceivePersistentActorTests
{
    [Fact]
    public void Persist_EventWithoutManifest_CallsOnPersistRejectedSkipsHandlerAndKeepsRunning()
    {
        var actor = StartFragile("rejected-1");
        ExpectMsg("recovered@0");

        actor.Tell(new Persisting(new NoManifestEvent("x")));

        var rejected = ExpectMsg<PersistRejected>();
        Assert.IsType<EventSerializationException>(rejected.Cause);
        Assert.Equal(1, rejected.SequenceNr);
        actor.Tell(new Persisting(new ItemAdded("a")));
        ExpectMsg("handled a@2");
    }

    [Fact]
    public async Task Persist_SequenceNrTakenByAnotherWriter_CallsOnPersistRejectedAndKeepsRunning()
    {
        var actor = StartFragile("rejected-2");
        ExpectMsg("recovered@0");
        var other = new AtomicWrite(new Persistent("rejected-2", 1, new ItemAdded("theirs"), WriterUuid: "other-writer"));
        Assert.Null(Assert.Single(await _journal.WriteMessagesAsync([other])));

        actor.Tell(new Persisting(new ItemAdded("mine")));

        Assert.IsType<JournalConflictException>(ExpectMsg<PersistRejected>().Cause);
        actor.Tell(new Persisting(new ItemAdded("next")));
        ExpectMsg("handled next@2");
    }

    [Fact]
    public void Persist_JournalThrows_CallsOnPersistFailureAndStops()
    {
        var actor = Watch(StartFragile("failed-1"));
        ExpectMsg("recovered@0");
        _journal.WriteFailure = new IOException("the disk is gone");

        actor.Tell(new Persisting(new ItemAdded("a")));

        var failed = ExpectMsg<PersistFailed>();
        Assert.Equal("the disk is gone", failed.Cause.Message);
        Assert.Equal(new ItemAdded("a"), failed.Event);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Recovery_JournalThrows_CallsOnRecoveryFailureAndStops()
    {
        _journal.ReplayFailure = new IOException("the database is locked");

        var actor = Watch(StartFragile("failed-2"));

        Assert.Equal("the database is locked", ExpectMsg<RecoveryFailed>().Cause.Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task Recovery_UnknownManifest_CallsOnRecoveryFailureAndStops()
    {
        var olderBuild = new InMemoryJournal(TestSerializers.WithRetired, _storage);
        var stored = await olderBuild.WriteMessagesAsync([new AtomicWrite(new Persistent("failed-3", 1, new RetiredEvent("old")))]);
        Assert.Null(Assert.Single(stored));

        var actor = Watch(StartFragile("failed-3"));

        var failed = ExpectMsg<RecoveryFailed>();
        Assert.IsType<EventSerializationException>(failed.Cause);
        Assert.Contains("test.retired.v1", failed.Cause.Message, StringComparison.Ordinal);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Recovery_RecoverHandlerThrows_CallsOnRecoveryFailureWithTheEventAndStops()
    {
        var seeded = StartFragile("failed-4");
        ExpectMsg("recovered@0");
        seeded.Tell(new Persisting(new ItemAdded("poison")));
        ExpectMsg("handled poison@1");

        var actor = Watch(Sys.ActorOf(Props.Create(() => new Fragile("failed-4", TestActor))));

        var failed = ExpectMsg<RecoveryFailed>();
        Assert.IsType<InvalidOperationException>(failed.Cause);
        Assert.Equal(new ItemAdded("poison"), failed.Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task Recovery_DefaultOnRecoveryFailure_LogsThePersistenceId()
    {
        var logs = new Orchestrator.TestKit.CapturingLoggerFactory();
        var journal = new ControllableJournal(new InMemoryJournal(Serializer)) { ReplayFailure = new IOException("unreadable") };
        var system = ActorSystem.Create("logging", new ActorSystemSettings { Journal = journal, LoggerFactory = logs });
        try
        {
            system.ActorOf(Props.Create(() => new Switching("logged-1")));

            AwaitAssert(() =>
            {
                var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 3102);
                Assert.Equal("logged-1", entry.Property("PersistenceId"));
                Assert.Equal("unreadable", entry.Exception?.Message);
            });
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private IActorRef StartFragile(string persistenceId) =>
        Sys.ActorOf(Props.Create(() => new Fragile(persistenceId, TestActor)), persistenceId);

    private sealed record Persisting(object Event);

    private sealed record PersistRejected(Exception Cause, object Event, long SequenceNr);

    private sealed record PersistFailed(Exception Cause, object Event, long SequenceNr);

    private sealed record RecoveryFailed(Exception Cause, object? Message);

    /// <summary>Reports every failure hook to <c>monitor</c>.</summary>
    private sealed class Fragile : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private readonly IActorRef _monitor;

        public Fragile(string persistenceId, IActorRef monitor)
        {
            _persistenceId = persistenceId;
            _monitor = monitor;
            Recover<RecoveryCompleted>(_ => monitor.Tell($"recovered@{LastSequenceNr}"));
            Recover<ItemAdded>(added =>
            {
                if (added.Item == "poison")
                {
                    throw new InvalidOperationException("the recover handler cannot apply poison");
                }
            });
            Command<Persisting>(p => Persist(p.Event, e => Sender.Tell($"handled {((ItemAdded)e).Item}@{LastSequenceNr}")));
        }

        public override string PersistenceId => _persistenceId;

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
            _monitor.Tell(new PersistRejected(cause, @event, sequenceNr));

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
            _monitor.Tell(new PersistFailed(cause, @event, sequenceNr));

        protected override void OnRecoveryFailure(Exception reason, object? message) =>
            _monitor.Tell(new RecoveryFailed(reason, message));
    }
}
