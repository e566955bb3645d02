using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Tests.Runtime;

public sealed class SupervisorStrategyTests : Orchestrator.TestKit.TestKit
{
    public static TheoryData<Exception, Directive> DefaultDecisions => new()
    {
        { new InvalidOperationException(), Directive.Restart },
        { new ActorInitializationException(null, "init", null), Directive.Stop },
        { new ActorKilledException("Kill"), Directive.Stop },
        { new DeathPactException(ActorRefs.Nobody), Directive.Stop },
    };

    [Theory]
    [MemberData(nameof(DefaultDecisions))]
    public void DefaultDecider_Exception_MapsLikeAkka(Exception cause, Directive expected) =>
        Assert.Equal(expected, SupervisorStrategy.DefaultStrategy.Decide(cause));

    [Fact]
    public void Resume_ChildFails_KeepsItsState()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Resume), Props.Create(() => new Counter(TestActor))));

        supervisor.Tell("inc");
        supervisor.Tell("inc");
        supervisor.Tell("fail");
        supervisor.Tell("get");

        ExpectMsg(2);
    }

    [Fact]
    public void Restart_ChildFails_ReplacesItsState()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Restart), Props.Create(() => new Counter(TestActor))));

        supervisor.Tell("inc");
        supervisor.Tell("fail");
        supervisor.Tell("get");

        ExpectMsg("restarted");
        ExpectMsg(0);
    }

    [Fact]
    public void Stop_ChildFails_StopsIt()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Stop), Props.Create(() => new Counter(TestActor))));
        supervisor.Tell("child?");
        var child = Watch(ExpectMsg<IActorRef>());

        supervisor.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void OneForOne_RetriesBeyondLimitWithinWindow_StopsChild()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(5), _ => Directive.Restart);
        var supervisor = ActorOf(Supervisor.Props(strategy, Props.Create(() => new Counter(TestActor))));
        supervisor.Tell("child?");
        var child = Watch(ExpectMsg<IActorRef>());

        supervisor.Tell("fail");
        ExpectMsg("restarted");
        supervisor.Tell("fail");
        ExpectMsg("restarted");
        supervisor.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void OneForOne_ZeroRetries_StopsOnFirstFailure()
    {
        var strategy = new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Restart);
        var supervisor = ActorOf(Supervisor.Props(strategy, Props.Create(() => new Counter(TestActor))));
        supervisor.Tell("child?");
        var child = Watch(ExpectMsg<IActorRef>());

        supervisor.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void OneForOne_ChildFails_SiblingsKeepTheirState()
    {
        var supervisor = ActorOf(Props.Create(() => new TwoChildren(new OneForOneStrategy(_ => Directive.Restart), TestActor)));

        supervisor.Tell(("b", "inc"));
        supervisor.Tell(("a", "fail"));
        ExpectMsg("restarted");
        supervisor.Tell(("b", "get"));

        ExpectMsg(1);
    }

    [Fact]
    public void AllForOne_ChildFails_RestartsSiblingsToo()
    {
        var supervisor = ActorOf(Props.Create(() => new TwoChildren(new AllForOneStrategy(_ => Directive.Restart), TestActor)));

        supervisor.Tell(("b", "inc"));
        supervisor.Tell(("a", "fail"));
        ExpectMsg("restarted");
        ExpectMsg("restarted");
        supervisor.Tell(("b", "get"));

        ExpectMsg(0);
    }

    [Fact]
    public void AllForOne_Stop_StopsEveryChild()
    {
        var supervisor = ActorOf(Props.Create(() => new TwoChildren(new AllForOneStrategy(_ => Directive.Stop), TestActor)));
        supervisor.Tell(("a", "self?"));
        var a = Watch(ExpectMsg<IActorRef>());
        supervisor.Tell(("b", "self?"));
        var b = Watch(ExpectMsg<IActorRef>());

        supervisor.Tell(("a", "fail"));

        var terminated = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.Equal(new HashSet<IActorRef> { a, b }, terminated);
    }

    [Fact]
    public void Escalate_ChildFails_FailsParentWithSameException()
    {
        var topStrategy = new OneForOneStrategy(e =>
        {
            TestActor.Tell(e.Message);
            return Directive.Stop;
        });
        var middleProps = Supervisor.Props(new OneForOneStrategy(_ => Directive.Escalate), Props.Create(() => new Counter(TestActor)));
        var top = ActorOf(Supervisor.Props(topStrategy, middleProps));
        top.Tell("child?");
        var middle = Watch(ExpectMsg<IActorRef>());

        top.Tell("fail");

        ExpectMsg("fail");
        ExpectTerminated(middle);
    }

    /// <summary>Supervises one child with the given strategy and forwards everything else to it.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        private Supervisor(SupervisorStrategy strategy, Props childProps)
        {
            _strategy = strategy;
            var child = Context.ActorOf(childProps, "child");
            Receive<string>(m => m == "child?", _ => Sender.Tell(child));
            ReceiveAny(m => child.Forward(m));
        }

        public static Props Props(SupervisorStrategy strategy, Props childProps) =>
            Actors.Runtime.Props.Create(() => new Supervisor(strategy, childProps));

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private sealed class TwoChildren : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public TwoChildren(SupervisorStrategy strategy, IActorRef report)
        {
            _strategy = strategy;
            var a = Context.ActorOf(Props.Create(() => new Counter(report)), "a");
            var b = Context.ActorOf(Props.Create(() => new Counter(report)), "b");
            Receive<(string Child, string Command)>(m => (m.Child == "a" ? a : b).Forward(m.Command));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private sealed class Counter : ReceiveActor
    {
        private readonly IActorRef _report;
        private int _count;

        public Counter(IActorRef report)
        {
            _report = report;
            Receive<string>(m => m == "inc", _ => _count++);
            Receive<string>(m => m == "get", _ => Sender.Tell(_count));
            Receive<string>(m => m == "self?", _ => Sender.Tell(Self));
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("fail"));
        }

        protected override void PostRestart(Exception reason) => _report.Tell("restarted");
    }
}
