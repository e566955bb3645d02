using System.Collections.Immutable;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.InMemory;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// The persistent actor's semantics, message by message, over the in-memory stores behind a
/// <see cref="ControllableJournal"/> that can hold or break the journal at the right moment.
/// </summary>
public sealed partial class ReceivePersistentActorTests : Orchestrator.TestKit.TestKit
{
    private static readonly EventSerializer Serializer = new(
        EventManifestRegistry.FromTypes(typeof(ItemAdded), typeof(ItemsSnapshot)));

    private readonly InMemoryJournalStorage _storage;
    private readonly InMemoryJournal _storedJournal;
    private readonly ControllableJournal _journal;

    public ReceivePersistentActorTests()
        : this(new InMemoryJournalStorage())
    {
    }

    private ReceivePersistentActorTests(InMemoryJournalStorage storage)
        : this(storage, new InMemoryJournal(Serializer, storage))
    {
    }

    private ReceivePersistentActorTests(InMemoryJournalStorage storage, InMemoryJournal storedJournal)
        : this(storage, storedJournal, new ControllableJournal(storedJournal))
    {
    }

    private ReceivePersistentActorTests(InMemoryJournalStorage storage, InMemoryJournal storedJournal, ControllableJournal journal)
        : base(new ActorSystemSettings { Journal = journal, SnapshotStore = new InMemorySnapshotStore(Serializer) })
    {
        _storage = storage;
        _storedJournal = storedJournal;
        _journal = journal;
    }

    [Fact]
    public void Recovery_SnapshotAndLaterEvents_OffersSnapshotThenReplaysThenCompletes()
    {
        var first = Start("items-1");
        ExpectMsg(new Recovered("", 0));
        first.Tell(new Add("a"));
        first.Tell(new Add("b"));
        first.Tell(new TakeSnapshot());
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new Added("b", 2));
        Assert.Equal(2, ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr);
        first.Tell(new Add("c"));
        ExpectMsg(new Added("c", 3));

        Start("items-1", "second");

        ExpectMsg(new Offered("a,b", 2));
        ExpectMsg(new Replayed("c", 3));
        ExpectMsg(new Recovered("a,b,c", 3));
    }

    [Fact]
    public void Recovery_CommandsArriveMeanwhile_AreDeliveredAfterwardsInOrder()
    {
        var seeded = Start("items-2");
        ExpectMsg(new Recovered("", 0));
        seeded.Tell(new Add("a"));
        ExpectMsg(new Added("a", 1));
        _journal.HoldReplays();

        var actor = Start("items-2", "second");
        actor.Tell(new Add("b"));
        actor.Tell(new GetState());
        actor.Tell(new Add("c"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _journal.ReleaseReplays();

        ExpectMsg(new Replayed("a", 1));
        ExpectMsg(new Recovered("a", 1));
        ExpectMsg(new Added("b", 2));
        ExpectMsg(new State("a,b", 2, IsRecovering: false));
        ExpectMsg(new Added("c", 3));
    }

    [Fact]
    public void IsRecovering_WhileReplaying_IsTrueAndFalseOnceCompleted()
    {
        var seeded = Start("items-3");
        ExpectMsg(new Recovered("", 0));
        seeded.Tell(new Add("a"));
        ExpectMsg(new Added("a", 1));

        Sys.ActorOf(Props.Create(() => new RecoveryObserver("items-3", TestActor)));

        ExpectMsg("replayed a while recovering: True");
        ExpectMsg("completed while recovering: False");
    }

    [Fact]
    public void LastSequenceNr_AfterRecovery_ContinuesAfterTheHighestIncludingDeleted()
    {
        var first = Start("items-4");
        ExpectMsg(new Recovered("", 0));
        first.Tell(new Add("a"));
        first.Tell(new Add("b"));
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new Added("b", 2));
        first.Tell(new Delete(2));
        ExpectMsg(new DeleteMessagesSuccess(2));

        var second = Start("items-4", "second");
        ExpectMsg(new Recovered("", 2));
        second.Tell(new Add("c"));

        ExpectMsg(new Added("c", 3));
    }

    [Fact]
    public void Restart_ExceptionInCommandHandler_RecoversStateFromJournalWithNewWriter()
    {
        var actor = Start("items-5");
        ExpectMsg(new Recovered("", 0));
        actor.Tell(new Add("a"));
        actor.Tell(new Add("b"));
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new Added("b", 2));

        actor.Tell(new Fail());

        ExpectMsg(new Replayed("a", 1));
        ExpectMsg(new Replayed("b", 2));
        ExpectMsg(new Recovered("a,b", 2));
        actor.Tell(new Add("c"));
        ExpectMsg(new Added("c", 3));
        var writers = Stored("items-5").Select(p => p.WriterUuid).ToList();
        Assert.All(writers, w => Assert.False(string.IsNullOrEmpty(w)));
        Assert.Equal(writers[0], writers[1]);
        Assert.NotEqual(writers[1], writers[2]);
    }

    [Fact]
    public void Become_InRecoveryCompleted_SwitchesCommandHandlers()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switching("switching-1")));

        actor.Tell("ping");

        ExpectMsg("pong from ready");
    }

    private IActorRef Start(string persistenceId, string? name = null) =>
        Sys.ActorOf(Props.Create(() => new ItemsActor(persistenceId, TestActor)), name ?? persistenceId);

    private List<Persistent> Stored(string persistenceId)
    {
        var stored = new List<Persistent>();
        _storedJournal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, stored.Add).GetAwaiter().GetResult();
        return stored;
    }

    private sealed record Add(string Item);

    private sealed record Added(string Item, long SequenceNr);

    private sealed record GetState;

    private sealed record State(string Items, long LastSequenceNr, bool IsRecovering);

    private sealed record Fail;

    private sealed record TakeSnapshot;

    private sealed record Delete(long ToSequenceNr);

    private sealed record Offered(string Items, long SequenceNr);

    private sealed record Replayed(string Item, long SequenceNr);

    private sealed record Recovered(string Items, long LastSequenceNr);

    /// <summary>Keeps a list of items; tells <c>monitor</c> what recovery did.</summary>
    private sealed class ItemsActor : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private ImmutableList<string> _items = [];

        public ItemsActor(string persistenceId, IActorRef monitor)
        {
            _persistenceId = persistenceId;
            Recover<SnapshotOffer>(offer =>
            {
                _items = ((ItemsSnapshot)offer.Snapshot).Items;
                monitor.Tell(new Offered(Joined, offer.Metadata.SequenceNr));
            });
            Recover<ItemAdded>(added =>
            {
                _items = _items.Add(added.Item);
                monitor.Tell(new Replayed(added.Item, LastSequenceNr));
            });
            Recover<RecoveryCompleted>(_ => monitor.Tell(new Recovered(Joined, LastSequenceNr)));

            Command<Add>(add => Persist(new ItemAdded(add.Item), added =>
            {
                _items = _items.Add(added.Item);
                Sender.Tell(new Added(added.Item, LastSequenceNr));
            }));
            Command<GetState>(_ => Sender.Tell(new State(Joined, LastSequenceNr, IsRecovering)));
            Command<Fail>(_ => throw new InvalidOperationException("the command handler failed"));
            Command<TakeSnapshot>(_ => SaveSnapshot(new ItemsSnapshot(_items)));
            Command<Delete>(delete => DeleteMessages(delete.ToSequenceNr));
            Command<SaveSnapshotSuccess>(m => monitor.Tell(m));
            Command<SaveSnapshotFailure>(m => monitor.Tell(m));
            Command<DeleteMessagesSuccess>(m => monitor.Tell(m));
            Command<DeleteMessagesFailure>(m => monitor.Tell(m));
        }

        public override string PersistenceId => _persistenceId;

        private string Joined => string.Join(",", _items);
    }

    private sealed class RecoveryObserver : ReceivePersistentActor
    {
        private readonly string _persistenceId;

        public RecoveryObserver(string persistenceId, IActorRef monitor)
        {
            _persistenceId = persistenceId;
            Recover<ItemAdded>(added => monitor.Tell($"replayed {added.Item} while recovering: {IsRecovering}"));
            Recover<RecoveryCompleted>(_ => monitor.Tell($"completed while recovering: {IsRecovering}"));
        }

        public override string PersistenceId => _persistenceId;
    }

    private sealed class Switching : ReceivePersistentActor
    {
        private readonly string _persistenceId;

        public Switching(string persistenceId)
        {
            _persistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ => Become(Ready));
            Command<string>(_ => Sender.Tell("pong from initial"));
        }

        public override string PersistenceId => _persistenceId;

        private void Ready() => Command<string>(_ => Sender.Tell("pong from ready"));
    }
}
