using System.Collections.Immutable;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Persistence;

public sealed partial class ReceivePersistentActorTests
{
    [Fact]
    public void PersistAndWaitAsync_InsideCommandAsync_NoOtherCommandInterleaves()
    {
        var native = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Mounter("async-1", native.Ref, TestActor)));
        ExpectMsg("ready: ");
        _journal.HoldWrites();

        actor.Tell(new Mount("rootfs"));
        actor.Tell(new Mount("volume"));
        _journal.ReleaseWrites();
        native.ExpectMsg("rootfs");
        ExpectMsg("intent rootfs stored@1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        native.Reply("mounted");

        ExpectMsg("rootfs: mounted@2 [rootfs?,rootfs=mounted]");
        native.ExpectMsg("volume");
        ExpectMsg("intent volume stored@3");
        native.Reply("mounted");
        ExpectMsg("volume: mounted@4 [rootfs?,rootfs=mounted,volume?,volume=mounted]");
    }

    [Fact]
    public void PersistAllAndWaitAsync_TwoEvents_OneAtomicWriteThenContinuesInsideTheActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Mounter("async-2", ActorRefs.Nobody, TestActor)));
        ExpectMsg("ready: ");
        _journal.WriteCalls.Clear();

        actor.Tell(new MountBoth("a", "b"));

        ExpectMsg("both@2 [a=done,b=done]");
        var write = Assert.Single(Assert.Single(_journal.WriteCalls));
        Assert.Equal(2, write.Payload.Count);
    }

    [Fact]
    public void PersistAndWaitAsync_Rejected_FaultsTheTaskAfterOnPersistRejectedAndKeepsRunning()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Mounter("async-3", ActorRefs.Nobody, TestActor)));
        ExpectMsg("ready: ");

        actor.Tell(new PersistUnstorable());

        ExpectMsg("rejected 1");
        Assert.Equal("faulted: EventSerializationException", ExpectMsg<string>());
        actor.Tell(new MountBoth("a", "b"));
        ExpectMsg("both@3 [a=done,b=done]");
    }

    [Fact]
    public void PersistAndWaitAsync_JournalThrows_FaultsTheTaskAndStops()
    {
        var actor = Watch(Sys.ActorOf(Props.Create(() => new Mounter("async-4", ActorRefs.Nobody, TestActor))));
        ExpectMsg("ready: ");
        _journal.WriteFailure = new IOException("the disk is gone");

        actor.Tell(new MountBoth("a", "b"));

        ExpectMsg("failed 1");
        ExpectMsg("failed 2");
        ExpectMsg("faulted: IOException");
        ExpectTerminated(actor);
    }

    [Fact]
    public void RecoveryCompleted_RunTaskThatPersists_StashedCommandsWaitUntilItCompletes()
    {
        var native = CreateTestProbe();
        var seeded = Sys.ActorOf(Props.Create(() => new Mounter("async-5", native.Ref, TestActor)));
        ExpectMsg("ready: ");
        seeded.Tell(new StartIntent("rootfs"));
        ExpectMsg("intent rootfs stored@1");
        Sys.Stop(Watch(seeded));
        ExpectTerminated(seeded);
        _journal.HoldReplays();

        var actor = Sys.ActorOf(Props.Create(() => new Mounter("async-5", native.Ref, TestActor, reconcile: true)));
        actor.Tell(new MountBoth("a", "b"));
        _journal.ReleaseReplays();
        native.ExpectMsg("is rootfs mounted?");
        actor.Tell(new MountBoth("c", "d"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        native.Reply("mounted");

        ExpectMsg("ready: rootfs?,rootfs=mounted");
        ExpectMsg("both@4 [rootfs?,rootfs=mounted,a=done,b=done]");
        ExpectMsg("both@6 [rootfs?,rootfs=mounted,a=done,b=done,c=done,d=done]");
    }

    [Fact]
    public void Persist_AfterAnAwaitInCommandAsync_HandlerRunsWithTheCommandsSenderBeforeTheNextCommand()
    {
        var native = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Mounter("async-6", native.Ref, TestActor)));
        ExpectMsg("ready: ");
        var client = CreateTestProbe();

        client.Send(actor, new MountLater("rootfs"));
        native.ExpectMsg("rootfs");
        _journal.HoldWrites();
        native.Reply("mounted");
        client.Send(actor, new MountBoth("a", "b"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _journal.ReleaseWrites();

        client.ExpectMsg("rootfs=mounted@1");
        client.ExpectMsg("both@3 [rootfs=mounted,a=done,b=done]");
    }

    private sealed record Mount(string Target);

    private sealed record MountLater(string Target);

    private sealed record MountBoth(string First, string Second);

    private sealed record StartIntent(string Target);

    private sealed record PersistUnstorable;

    /// <summary>
    /// The orchestrator's pattern: persist an intent, ask the native actor, persist the outcome; and on
    /// recovery, resolve an intent without an outcome before serving anyone.
    /// </summary>
    private sealed class Mounter : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private readonly IActorRef _native;
        private readonly IActorRef _monitor;
        private ImmutableList<string> _log = [];

        public Mounter(string persistenceId, IActorRef native, IActorRef monitor, bool reconcile = false)
        {
            _persistenceId = persistenceId;
            _native = native;
            _monitor = monitor;
            Recover<ItemAdded>(Apply);
            Recover<RecoveryCompleted>(_ =>
            {
                var open = _log.Where(e => e.EndsWith('?')).Select(e => e.TrimEnd('?')).Where(t => !_log.Any(e => e.StartsWith(t + "=", StringComparison.Ordinal))).ToList();
                if (!reconcile || open.Count == 0)
                {
                    monitor.Tell($"ready: {Joined}");
                    return;
                }

                RunTask(async () =>
                {
                    foreach (var target in open)
                    {
                        var answer = await _native.Ask<string>($"is {target} mounted?", TimeSpan.FromSeconds(10));
                        await PersistAndWaitAsync(new ItemAdded($"{target}={answer}"));
                        Apply(new ItemAdded($"{target}={answer}"));
                    }

                    monitor.Tell($"ready: {Joined}");
                });
            });

            CommandAsync<Mount>(async mount =>
            {
                await PersistAndWaitAsync(new ItemAdded(mount.Target + "?"));
                Apply(new ItemAdded(mount.Target + "?"));
                monitor.Tell($"intent {mount.Target} stored@{LastSequenceNr}");
                var outcome = await _native.Ask<string>(mount.Target, TimeSpan.FromSeconds(10));
                await PersistAndWaitAsync(new ItemAdded($"{mount.Target}={outcome}"));
                Apply(new ItemAdded($"{mount.Target}={outcome}"));
                Sender.Tell($"{mount.Target}: {outcome}@{LastSequenceNr} [{Joined}]");
            });
            CommandAsync<MountLater>(async later =>
            {
                var outcome = await _native.Ask<string>(later.Target, TimeSpan.FromSeconds(10));
                Persist(new ItemAdded($"{later.Target}={outcome}"), added =>
                {
                    Apply(added);
                    Sender.Tell($"{added.Item}@{LastSequenceNr}");
                });
            });
            CommandAsync<StartIntent>(async start =>
            {
                await PersistAndWaitAsync(new ItemAdded(start.Target + "?"));
                Apply(new ItemAdded(start.Target + "?"));
                Sender.Tell($"intent {start.Target} stored@{LastSequenceNr}");
            });
            CommandAsync<MountBoth>(async both =>
            {
                ItemAdded[] events = [new($"{both.First}=done"), new($"{both.Second}=done")];
                try
                {
                    await PersistAllAndWaitAsync(events);
                }
                catch (IOException e)
                {
                    Sender.Tell($"faulted: {e.GetType().Name}");
                    return;
                }

                foreach (var e in events)
                {
                    Apply(e);
                }

                Sender.Tell($"both@{LastSequenceNr} [{Joined}]");
            });
            CommandAsync<PersistUnstorable>(async _ =>
            {
                try
                {
                    await PersistAndWaitAsync(new NoManifestEvent("x"));
                    Sender.Tell("stored");
                }
                catch (EventSerializationException e)
                {
                    Sender.Tell($"faulted: {e.GetType().Name}");
                }
            });
        }

        public override string PersistenceId => _persistenceId;

        private string Joined => string.Join(",", _log);

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) => _monitor.Tell($"rejected {sequenceNr}");

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) => _monitor.Tell($"failed {sequenceNr}");

        private void Apply(ItemAdded added) => _log = _log.Add(added.Item);
    }
}
