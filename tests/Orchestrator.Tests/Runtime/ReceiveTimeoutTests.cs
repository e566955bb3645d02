using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class ReceiveTimeoutTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void SetReceiveTimeout_ActorIdle_ReceivesReceiveTimeout()
    {
        ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(100), cancelAfterFirst: false)));

        ExpectMsg("timeout 1");
        ExpectMsg("timeout 2");
    }

    [Fact]
    public void SetReceiveTimeout_Null_CancelsFurtherTimeouts()
    {
        ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(100), cancelAfterFirst: true)));

        ExpectMsg("timeout 1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void ReceiveTimeout_AfterSetAndReset_ReportsCurrentValue()
    {
        var actor = ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromHours(1), cancelAfterFirst: false)));

        actor.Tell("current?");
        Assert.Equal(TimeSpan.FromHours(1), ExpectMsg<Current>().Timeout);
        actor.Tell("off");
        actor.Tell("current?");

        Assert.Null(ExpectMsg<Current>().Timeout);
    }

    private sealed record Current(TimeSpan? Timeout);

    private sealed class Sleepy : ReceiveActor
    {
        private readonly TimeSpan _timeout;
        private int _timeouts;

        public Sleepy(IActorRef report, TimeSpan timeout, bool cancelAfterFirst)
        {
            _timeout = timeout;
            Receive<ReceiveTimeout>(_ =>
            {
                report.Tell("timeout " + ++_timeouts);
                if (cancelAfterFirst)
                {
                    Context.SetReceiveTimeout(null);
                }
            });
            Receive<string>(m => m == "off", _ => Context.SetReceiveTimeout(null));
            Receive<string>(m => m == "current?", _ => Sender.Tell(new Current(Context.ReceiveTimeout)));
        }

        protected override void PreStart() => Context.SetReceiveTimeout(_timeout);
    }
}
