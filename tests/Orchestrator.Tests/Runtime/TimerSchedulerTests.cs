using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class TimerSchedulerTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void StartSingleTimer_Delay_DeliversOnceToTheActor()
    {
        var actor = ActorOf(Props.Create(() => new WithTimers(TestActor)));

        actor.Tell(new Start("key", TimeSpan.FromMilliseconds(30), Periodic: false));

        ExpectMsg("fired key");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Cancel_BeforeDue_TimerMessageNeverArrives()
    {
        var actor = ActorOf(Props.Create(() => new WithTimers(TestActor)));

        actor.Tell(new Start("key", TimeSpan.FromMilliseconds(50), Periodic: false));
        actor.Tell(new CancelTimer("key"));
        actor.Tell("active?");

        ExpectMsg(false);
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public void Cancel_PeriodicTimerFromItsOwnHandler_NoFurtherMessage()
    {
        var actor = ActorOf(Props.Create(() => new WithTimers(TestActor)));

        actor.Tell(new Start("periodic", TimeSpan.FromMilliseconds(10), Periodic: true, CancelAfter: 3));

        ExpectMsg("fired periodic");
        ExpectMsg("fired periodic");
        ExpectMsg("fired periodic");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void StartSingleTimer_SameKeyTwice_OnlyTheSecondFires()
    {
        var actor = ActorOf(Props.Create(() => new WithTimers(TestActor)));

        actor.Tell(new Start("key", TimeSpan.FromMilliseconds(10), Periodic: false, Label: "first"));
        actor.Tell(new Start("key", TimeSpan.FromMilliseconds(100), Periodic: false, Label: "second"));

        ExpectMsg("fired second");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Restart_PendingTimer_IsCancelled()
    {
        var actor = ActorOf(Props.Create(() => new WithTimers(TestActor)));

        actor.Tell(new Start("key", TimeSpan.FromMilliseconds(200), Periodic: false));
        actor.Tell("fail");

        ExpectMsg("restarted");
        ExpectNoMsg(TimeSpan.FromMilliseconds(600));
    }

    private sealed record Start(string Key, TimeSpan Delay, bool Periodic, int CancelAfter = 0, string? Label = null);

    private sealed record CancelTimer(string Key);

    private sealed record Fired(string Key, string Label, int CancelAfter);

    private sealed class WithTimers : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _report;
        private int _fired;

        public WithTimers(IActorRef report)
        {
            _report = report;
            Receive<Start>(s =>
            {
                var fired = new Fired(s.Key, s.Label ?? s.Key, s.CancelAfter);
                if (s.Periodic)
                {
                    Timers.StartPeriodicTimer(s.Key, fired, s.Delay);
                }
                else
                {
                    Timers.StartSingleTimer(s.Key, fired, s.Delay);
                }
            });
            Receive<Fired>(f =>
            {
                _report.Tell("fired " + f.Label);
                if (f.CancelAfter > 0 && ++_fired == f.CancelAfter)
                {
                    Timers.Cancel(f.Key);
                }
            });
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<string>(m => m == "active?", _ => Sender.Tell(Timers.IsTimerActive("key")));
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("restart"));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PostRestart(Exception reason) => _report.Tell("restarted");
    }
}
