using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class PoisonPillTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void PoisonPill_AfterQueuedMessages_ProcessesThemBeforeStopping()
    {
        var actor = ActorOf(Props.Create(() => new Echo()));
        Watch(actor);

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        actor.Tell(PoisonPill.Instance);

        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectTerminated(actor);
    }

    [Fact]
    public void PoisonPill_MessagesAfterIt_GoToDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = ActorOf(Props.Create(() => new Echo()));
        Watch(actor);

        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);
        actor.Tell("late");

        Assert.Equal("late", ExpectMsg<DeadLetter>().Message);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
