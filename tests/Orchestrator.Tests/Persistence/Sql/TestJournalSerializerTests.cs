using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// Akka.Persistence.TestKit's <c>TestJournal</c>, the journal actor tests inject write faults
/// with, next to the orchestrator's serializer: the events round-trip through it, and Akka's
/// message serialization check (<c>serialize-messages</c>) picks the event serializer for them.
/// </summary>
public sealed class TestJournalSerializerTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(Setup(), "test-journal", output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Persist_OrchestratorEvents_RecoveredByANewIncarnation()
    {
        var events = new object[] { new ResourceStarted("rootfs", ResourceKind.Loop, ResourceRole.Rootfs, "/img", "/img", false, "/", 0), new ResourceCreated("rootfs", "/dev/loop0") };
        var first = Sys.ActorOf(Props.Create(() => new EventEcho("echo")));
        foreach (var e in events)
        {
            first.Tell(e, TestActor);
            ExpectMsg(e, Patience);
        }

        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Patience);

        Sys.ActorOf(Props.Create(() => new EventEcho("echo"))).Tell(EventEcho.Read.Instance, TestActor);
        Assert.Equal(events, ExpectMsg<object[]>(Patience));
    }

    private static Akka.Actor.Setup.ActorSystemSetup Setup() => BootstrapSetup.Create()
        .WithConfig(ConfigurationFactory.ParseString("""
            akka.actor.serialize-messages = on
            akka.persistence.journal.plugin = "akka.persistence.journal.test"
            akka.persistence.journal.test.class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
            akka.persistence.journal.test.plugin-dispatcher = "akka.actor.default-dispatcher"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.test"
            akka.persistence.snapshot-store.test.class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
            akka.persistence.snapshot-store.test.plugin-dispatcher = "akka.actor.default-dispatcher"
            """))
        .And(EventSerialization.Setup(EventSerialization.DefaultRegistry));

    private sealed class EventEcho : ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public EventEcho(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<IResourceEvent>(_events.Add);
            Command<Read>(_ => Sender.Tell(_events.ToArray()));
            Command<IResourceEvent>(e => Persist(e, persisted =>
            {
                _events.Add(persisted);
                Sender.Tell(persisted);
            }));
        }

        public override string PersistenceId { get; }

        public sealed class Read
        {
            public static readonly Read Instance = new();
        }
    }
}
