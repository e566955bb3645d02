using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class SchedulerTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void ScheduleTellOnce_Delay_DeliversExactlyOnce()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "tick", ActorRefs.NoSender);

        ExpectMsg("tick");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.False(cancelable.IsCancellationRequested);
    }

    [Fact]
    public void ScheduleTellOnce_CancelledBeforeDue_NeverDelivers()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "tick", ActorRefs.NoSender);

        cancelable.Cancel();

        Assert.True(cancelable.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void ScheduleTellOnce_Sender_IsTheOneGiven()
    {
        var probe = CreateTestProbe();

        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(10), TestActor, "tick", probe.Ref);

        ExpectMsg("tick");
        Assert.Same(probe.Ref, LastSender);
    }

    [Fact]
    public void ScheduleTellRepeatedly_Interval_DeliversUntilCancelled()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", ActorRefs.NoSender);

        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        cancelable.Cancel();

        Assert.True(cancelable.IsCancellationRequested);
    }
}
