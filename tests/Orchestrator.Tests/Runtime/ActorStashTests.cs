using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class ActorStashTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void UnstashAll_StashedMessages_ComeFirstInOriginalOrder()
    {
        var actor = ActorOf(Props.Create(() => new Gate(TestActor)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("c");
        actor.Tell(Gate.Open);
        actor.Tell("d");

        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
        ExpectMsg("d");
    }

    [Fact]
    public void UnstashAll_StashedMessage_KeepsItsSender()
    {
        var actor = ActorOf(Props.Create(() => new Gate(TestActor)));
        var probe = CreateTestProbe();

        probe.Send(actor, "from probe");
        actor.Tell(Gate.Open);

        probe.ExpectMsg("from probe");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Restart_WithStashedMessages_UnstashesThemForTheNewInstance()
    {
        var actor = ActorOf(Props.Create(() => new Gate(TestActor)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell(Gate.Fail);

        ExpectMsg("restarted");
        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void Stop_WithStashedMessages_SendsThemToDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = ActorOf(Props.Create(() => new Gate(TestActor)));

        actor.Tell("stashed");
        actor.Tell(Gate.Stop);

        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal("stashed", letter.Message);
        Assert.Same(actor, letter.Recipient);
        Assert.Same(TestActor, letter.Sender);
    }

    [Fact]
    public void Stash_SameMessageTwice_FailsTheActor()
    {
        var actor = ActorOf(Props.Create(() => new Gate(TestActor)));

        actor.Tell(Gate.StashTwice);

        ExpectMsg("restarted");
        ExpectMsg(Gate.StashTwice);
    }

    /// <summary>Stashes strings until opened, then echoes them; after a restart it starts open.</summary>
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public const string Open = "open";
        public const string Fail = "fail";
        public const string Stop = "stop";
        public const string StashTwice = "stash twice";

        private readonly IActorRef _report;

        public Gate(IActorRef report)
        {
            _report = report;
            Receive<string>(m => m == Open, _ =>
            {
                Stash.UnstashAll();
                Become(Opened);
            });
            Receive<string>(m => m == Fail, _ => throw new InvalidOperationException("fail"));
            Receive<string>(m => m == Stop, _ => Context.Stop(Self));
            Receive<string>(m => m == StashTwice, _ =>
            {
                Stash.Stash();
                Stash.Stash();
            });
            Receive<string>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;

        protected override void PostRestart(Exception reason)
        {
            _report.Tell("restarted");
            Become(Opened);
        }

        private void Opened() => Receive<string>(m => Sender.Tell(m));
    }
}
