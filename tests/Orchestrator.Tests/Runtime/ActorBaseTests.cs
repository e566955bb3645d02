using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Tests.Runtime;

public sealed class ActorBaseTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void PreStart_OnCreation_RunsBeforeFirstMessage()
    {
        var actor = ActorOf(Props.Create(() => new Lifecycle(TestActor)));

        actor.Tell("hello");

        ExpectMsg("pre-start");
        ExpectMsg("hello");
    }

    [Fact]
    public void Restart_AfterFailure_KeepsMailboxAndDropsFailingMessage()
    {
        using var gate = new ManualResetEventSlim();
        var actor = ActorOf(Props.Create(() => new Lifecycle(TestActor, gate)));
        ExpectMsg("pre-start");

        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("fail");
        actor.Tell("a");
        actor.Tell("b");
        gate.Set();

        ExpectMsg("pre-restart fail");
        ExpectMsg("post-stop");
        ExpectMsg("post-restart");
        ExpectMsg("pre-start");
        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void PreRestart_Default_StopsChildrenBeforePostRestart()
    {
        var parent = ActorOf(Props.Create(() => new ParentWithChild(TestActor)));
        ExpectMsg("child started");

        parent.Tell("fail");

        ExpectMsg("child stopped");
        ExpectMsg("parent restarted");
        ExpectMsg("child started");
    }

    [Fact]
    public void Stop_WithChildren_RunsPostStopAfterChildrenStopped()
    {
        var parent = ActorOf(Props.Create(() => new ParentWithChildren(TestActor, 3)));
        ReceiveN(3);

        Sys.Stop(parent);

        var stops = ReceiveN(4);
        Assert.Equal("parent stopped", stops[^1]);
        Assert.All(stops.Take(3), s => Assert.StartsWith("child", (string)s, StringComparison.Ordinal));
    }

    [Fact]
    public void Restart_AfterFailure_StartsFromFreshState()
    {
        var counter = ActorOf(Props.Create(() => new StatefulCounter()));

        counter.Tell("inc");
        counter.Tell("inc");
        counter.Tell("fail");
        counter.Tell("get");

        ExpectMsg(0);
    }

    [Fact]
    public void Create_ConstructorThrows_StopsActor()
    {
        var actor = ActorOf(Props.Create<ThrowsInConstructor>());
        Watch(actor);

        ExpectTerminated(actor);
    }

    [Fact]
    public void Create_PreStartThrows_StopsActorWithoutRetrying()
    {
        var starts = 0;
        var actor = ActorOf(Props.Create(() => new ThrowsInPreStart(() => Interlocked.Increment(ref starts))));
        Watch(actor);

        ExpectTerminated(actor);
        Assert.Equal(1, Volatile.Read(ref starts));
    }

    [Fact]
    public void Unhandled_UnknownMessage_PublishesUnhandledMessage()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = ActorOf(Props.Create(() => new StatefulCounter()));

        actor.Tell(42);

        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Same(actor, unhandled.Recipient);
        Assert.Same(TestActor, unhandled.Sender);
    }

    [Fact]
    public void Sender_TellFromInsideActorWithoutSender_IsThatActor()
    {
        var whoSent = ActorOf(Props.Create(() => new WhoSent(TestActor)));
        var teller = ActorOf(Props.Create(() => new TellsWithoutSender(whoSent)));

        teller.Tell("go");

        Assert.Same(teller, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Identify_AnyActor_AnswersWithItsRef()
    {
        var actor = ActorOf(Props.Create(() => new StatefulCounter()), "identified");

        actor.Tell(new Identify("id-1"));

        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("id-1", identity.MessageId);
        Assert.Same(actor, identity.Subject);
        Assert.Equal("/user/identified", actor.Path.ToString());
    }

    private sealed class Lifecycle : ReceiveActor
    {
        private readonly IActorRef _report;

        public Lifecycle(IActorRef report, ManualResetEventSlim? gate = null)
        {
            _report = report;
            Receive<string>(m => m == "block", _ =>
            {
                _report.Tell("blocked");
                gate!.Wait();
            });
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("fail"));
            Receive<string>(m => _report.Tell(m));
        }

        protected override void PreStart() => _report.Tell("pre-start");

        protected override void PostStop() => _report.Tell("post-stop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _report.Tell("pre-restart " + message);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _report.Tell("post-restart");
            base.PostRestart(reason);
        }
    }

    private sealed class ParentWithChild : ReceiveActor
    {
        private readonly IActorRef _report;

        public ParentWithChild(IActorRef report)
        {
            _report = report;
            Receive<string>(_ => throw new InvalidOperationException("parent fails"));
        }

        protected override void PreStart() => Context.ActorOf(Props.Create(() => new ReportingChild(_report, "child")), "child");

        protected override void PostRestart(Exception reason)
        {
            _report.Tell("parent restarted");
            base.PostRestart(reason);
        }
    }

    private sealed class ParentWithChildren : ReceiveActor
    {
        private readonly IActorRef _report;

        public ParentWithChildren(IActorRef report, int children)
        {
            _report = report;
            for (var i = 0; i < children; i++)
            {
                var name = "child" + i;
                Context.ActorOf(Props.Create(() => new ReportingChild(report, name)), name);
            }
        }

        protected override void PostStop() => _report.Tell("parent stopped");
    }

    private sealed class ReportingChild : ReceiveActor
    {
        private readonly IActorRef _report;
        private readonly string _name;

        public ReportingChild(IActorRef report, string name)
        {
            _report = report;
            _name = name;
        }

        protected override void PreStart() => _report.Tell(_name + " started");

        protected override void PostStop() => _report.Tell(_name + " stopped");
    }

    private sealed class StatefulCounter : ReceiveActor
    {
        private int _count;

        public StatefulCounter()
        {
            Receive<string>(m => m == "inc", _ => _count++);
            Receive<string>(m => m == "get", _ => Sender.Tell(_count));
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("fail"));
        }
    }

    private sealed class ThrowsInConstructor : ReceiveActor
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("constructor fails");
    }

    private sealed class ThrowsInPreStart(Action onStart) : ReceiveActor
    {
        protected override void PreStart()
        {
            onStart();
            throw new InvalidOperationException("PreStart fails");
        }
    }

    private sealed class WhoSent : ReceiveActor
    {
        public WhoSent(IActorRef report) => ReceiveAny(_ => report.Tell(Sender));
    }

    private sealed class TellsWithoutSender : ReceiveActor
    {
        public TellsWithoutSender(IActorRef target) => Receive<string>(_ => target.Tell("who am I"));
    }
}
