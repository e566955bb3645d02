using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Persistence;

public sealed partial class ReceivePersistentActorTests
{
    [Fact]
    public void Persist_CommandsArriveWhileWriting_AreStashedUntilTheHandlerRan()
    {
        var actor = Start("persist-1");
        ExpectMsg(new Recovered("", 0));
        _journal.HoldWrites();

        actor.Tell(new Add("a"));
        actor.Tell(new GetState());
        actor.Tell(new Add("b"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _journal.ReleaseWrites();

        ExpectMsg(new Added("a", 1));
        ExpectMsg(new State("a", 1, IsRecovering: false));
        ExpectMsg(new Added("b", 2));
    }

    [Fact]
    public void Persist_SeveralCallsInOneCommand_HandlersRunInCallOrderAfterOneJournalCall()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sequencer("persist-2")));
        actor.Tell("ping");
        ExpectMsg("pong");
        _journal.WriteCalls.Clear();

        actor.Tell("several");

        Assert.Equal<object>(["first@1", "second@2", "third@3", "fourth@4", "done"], ReceiveN(5));
        var call = Assert.Single(_journal.WriteCalls);
        Assert.Equal([1, 1, 2], call.Select(w => w.Payload.Count));
    }

    [Fact]
    public void Persist_HandlerAfterAsynchronousWrite_SenderIsTheCommandsSender()
    {
        var actor = Start("persist-3");
        ExpectMsg(new Recovered("", 0));
        var probe = CreateTestProbe();
        _journal.HoldWrites();

        probe.Send(actor, new Add("a"));
        _journal.ReleaseWrites();

        probe.ExpectMsg(new Added("a", 1));
        Assert.Same(actor, probe.LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void PersistAll_ThreeEvents_StoresOneAtomicWriteAndRunsEachHandlerInOrder()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sequencer("persist-4")));
        actor.Tell("ping");
        ExpectMsg("pong");
        _journal.WriteCalls.Clear();

        actor.Tell("all");

        Assert.Equal<object>(["x@1", "y@2", "z@3"], ReceiveN(3));
        var write = Assert.Single(Assert.Single(_journal.WriteCalls));
        Assert.Equal([1L, 2L, 3L], write.Payload.Select(p => p.SequenceNr));
    }

    [Fact]
    public void DeferAsync_AfterPendingPersists_RunsAfterTheirHandlers()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sequencer("persist-5")));
        actor.Tell("ping");
        ExpectMsg("pong");

        actor.Tell("defer");

        Assert.Equal<object>(["returned", "before@1", "deferred@1", "after@2"], ReceiveN(4));
    }

    [Fact]
    public void DeferAsync_NothingPending_RunsAtOnce()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sequencer("persist-6")));
        actor.Tell("ping");
        ExpectMsg("pong");

        actor.Tell("defer-alone");

        Assert.Equal<object>(["deferred@0", "returned"], ReceiveN(2));
    }

    [Fact]
    public void Persist_DuringReplay_Throws()
    {
        var seeded = Start("persist-7");
        ExpectMsg(new Recovered("", 0));
        seeded.Tell(new Add("a"));
        ExpectMsg(new Added("a", 1));

        Sys.ActorOf(Props.Create(() => new PersistingWhileReplaying("persist-7", TestActor)));

        Assert.Contains("during recovery", ExpectMsg<string>(), StringComparison.Ordinal);
    }

    /// <summary>Answers what its handlers did, as "name@LastSequenceNr", to the sender of each command.</summary>
    private sealed class Sequencer : ReceivePersistentActor
    {
        private readonly string _persistenceId;

        public Sequencer(string persistenceId)
        {
            _persistenceId = persistenceId;
            Command<string>(s => s == "ping", _ => Sender.Tell("pong"));
            Command<string>(s => s == "several", _ =>
            {
                Persist(new ItemAdded("first"), Reply);
                Persist(new ItemAdded("second"), Reply);
                PersistAll([new ItemAdded("third"), new ItemAdded("fourth")], Reply);
                DeferAsync("done", d => Sender.Tell(d));
            });
            Command<string>(s => s == "all", _ => PersistAll([new ItemAdded("x"), new ItemAdded("y"), new ItemAdded("z")], Reply));
            Command<string>(s => s == "defer", _ =>
            {
                Persist(new ItemAdded("before"), Reply);
                DeferAsync("deferred", d => Sender.Tell($"{d}@{LastSequenceNr}"));
                Persist(new ItemAdded("after"), Reply);
                Sender.Tell("returned");
            });
            Command<string>(s => s == "defer-alone", _ =>
            {
                DeferAsync("deferred", d => Sender.Tell($"{d}@{LastSequenceNr}"));
                Sender.Tell("returned");
            });
        }

        public override string PersistenceId => _persistenceId;

        private void Reply(ItemAdded added) => Sender.Tell($"{added.Item}@{LastSequenceNr}");
    }

    private sealed class PersistingWhileReplaying : ReceivePersistentActor
    {
        private readonly string _persistenceId;

        public PersistingWhileReplaying(string persistenceId, IActorRef monitor)
        {
            _persistenceId = persistenceId;
            Recover<ItemAdded>(added =>
            {
                try
                {
                    Persist(added, _ => monitor.Tell("persisted during replay"));
                }
                catch (InvalidOperationException e)
                {
                    monitor.Tell(e.Message);
                }
            });
        }

        public override string PersistenceId => _persistenceId;
    }
}
