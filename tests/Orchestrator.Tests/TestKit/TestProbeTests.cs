using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.TestKit;

public sealed class TestProbeTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void Send_ToActor_ReplyReachesTheProbe()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf(Props.Create(() => new Echo()));

        probe.Send(echo, "ping");

        probe.ExpectMsg("ping");
        Assert.Same(echo, probe.LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Reply_AfterReceive_AnswersTheSender()
    {
        var probe = CreateTestProbe();

        probe.Ref.Tell("question");
        probe.ExpectMsg("question");
        probe.Reply("answer");

        ExpectMsg("answer");
        Assert.Same(probe.Ref, LastSender);
    }

    [Fact]
    public void Forward_AfterReceive_KeepsOriginalSender()
    {
        var probe = CreateTestProbe();
        var target = CreateTestProbe();

        probe.Ref.Tell("hop");
        probe.ExpectMsg("hop");
        probe.Forward(target.Ref);

        target.ExpectMsg("hop");
        Assert.Same(TestActor, target.LastSender);
    }

    [Fact]
    public void Ref_Path_IsUnderSystemGuardian()
    {
        var probe = CreateTestProbe("named");

        Assert.Equal("/system/named", probe.Ref.Path.ToString());
    }

    [Fact]
    public void Reply_NothingReceived_Throws() =>
        Assert.Throws<InvalidOperationException>(() => CreateTestProbe().Reply("x"));

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
