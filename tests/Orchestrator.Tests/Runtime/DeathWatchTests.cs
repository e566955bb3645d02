using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class DeathWatchTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void Watch_TwiceThenTargetStops_TerminatedArrivesExactlyOnce()
    {
        var target = ActorOf(Props.Create(() => new Idle()));
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));

        watcher.Tell(target);
        watcher.Tell(target);
        ExpectMsg("watching");
        ExpectMsg("watching");
        Sys.Stop(target);

        Assert.Same(target, ExpectMsg<Seen>().Terminated.ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Watch_AlreadyDeadActor_TerminatedArrivesExactlyOnce()
    {
        var target = ActorOf(Props.Create(() => new Idle()));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));

        watcher.Tell(target);
        ExpectMsg("watching");

        var terminated = ExpectMsg<Seen>().Terminated;
        Assert.Same(target, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Watch_SeveralWatchers_EachGetsOneTerminated()
    {
        var target = ActorOf(Props.Create(() => new Idle()));
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        first.Watch(target);
        second.Watch(target);

        target.Tell(PoisonPill.Instance);

        first.ExpectTerminated(target);
        second.ExpectTerminated(target);
        first.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        second.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unwatch_BeforeTargetStops_NoTerminated()
    {
        var target = ActorOf(Props.Create(() => new Idle()));
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(target);
        ExpectMsg("watching");

        watcher.Tell(("unwatch", target));
        ExpectMsg("unwatched");
        Watch(target);
        Sys.Stop(target);

        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Terminated_NotHandledByWatcher_StopsWatcherWithDeathPact()
    {
        var target = ActorOf(Props.Create(() => new Idle()));
        var watcher = ActorOf(Props.Create(() => new IgnoresTerminated(target)));
        Watch(watcher);

        Sys.Stop(target);

        ExpectTerminated(watcher);
    }

    [Fact]
    public void Watch_Child_ParentGetsTerminatedOnce()
    {
        ActorOf(Props.Create(() => new WatchesChild(TestActor)));
        var child = ExpectMsg<IActorRef>();

        child.Tell(PoisonPill.Instance);

        Assert.Same(child, ExpectMsg<Seen>().Terminated.ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>A Terminated told on by hand is dropped by the runtime (only watched ones count), so watchers wrap it.</summary>
    private sealed record Seen(Terminated Terminated);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef report)
        {
            Receive<IActorRef>(target =>
            {
                Context.Watch(target);
                report.Tell("watching");
            });
            Receive<(string Command, IActorRef Target)>(m =>
            {
                Context.Unwatch(m.Target);
                report.Tell("unwatched");
            });
            Receive<Terminated>(t => report.Tell(new Seen(t)));
        }
    }

    private sealed class IgnoresTerminated : ReceiveActor
    {
        public IgnoresTerminated(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => { });
        }
    }

    private sealed class WatchesChild : ReceiveActor
    {
        public WatchesChild(IActorRef report)
        {
            var child = Context.Watch(Context.ActorOf(Props.Create(() => new Idle()), "child"));
            report.Tell(child);
            Receive<Terminated>(t => report.Tell(new Seen(t)));
        }
    }
}
