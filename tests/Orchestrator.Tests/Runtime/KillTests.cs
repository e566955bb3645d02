using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Tests.Runtime;

public sealed class KillTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void Kill_DefaultSupervision_StopsActor()
    {
        var actor = ActorOf(Props.Create(() => new Idle()));
        Watch(actor);

        actor.Tell(Kill.Instance);

        ExpectTerminated(actor);
    }

    [Fact]
    public void Kill_Received_FailsWithActorKilledException()
    {
        var parent = ActorOf(Props.Create(() => new ReportingParent(TestActor)));
        parent.Tell("child?");
        var child = ExpectMsg<IActorRef>();

        child.Tell(Kill.Instance);

        Assert.Equal(nameof(ActorKilledException), ExpectMsg<string>());
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class ReportingParent : ReceiveActor
    {
        private readonly IActorRef _report;

        public ReportingParent(IActorRef report)
        {
            _report = report;
            var child = Context.ActorOf(Props.Create(() => new Idle()), "child");
            Receive<string>(_ => Sender.Tell(child));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
        {
            _report.Tell(e.GetType().Name);
            return Directive.Stop;
        });
    }
}
