using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class ReceiveActorTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void ReceiveAsync_TaskPending_ProcessesNoOtherMessageUntilItCompletes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new AsyncWorker(release.Task)));

        actor.Tell("slow");
        ExpectMsg("started");
        actor.Tell("quick");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        release.SetResult();

        ExpectMsg("finished");
        ExpectMsg("quick");
    }

    [Fact]
    public void ReceiveAsync_AfterAwait_SenderAndSelfStayValid()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new AsyncWorker(release.Task)), "worker");
        var probe = CreateTestProbe();

        probe.Send(actor, "whoami");
        release.SetResult();

        var (self, sender) = probe.ExpectMsg<(IActorRef Self, IActorRef Sender)>();
        Assert.Same(actor, self);
        Assert.Same(probe.Ref, sender);
    }

    [Fact]
    public void ReceiveAsync_ContinuationsOfManyMessages_NeverOverlap()
    {
        var actor = ActorOf(Props.Create(() => new OverlapDetector()));

        for (var i = 0; i < 200; i++)
        {
            actor.Tell(i);
        }

        actor.Tell("report");
        Assert.Equal((1, 200), ExpectMsg<(int MaxConcurrency, int Completed)>(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void ReceiveAsync_TaskFaults_ActorIsRestarted()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new AsyncWorker(release.Task)));

        actor.Tell("fail-later");
        release.SetResult();

        ExpectMsg("restarted: fails after await");
        actor.Tell("quick");
        ExpectMsg("quick");
    }

    [Fact]
    public void Become_NewBehaviour_ReplacesHandlers()
    {
        var actor = ActorOf(Props.Create(() => new Switcher()));

        actor.Tell("ping");
        actor.Tell("switch");
        actor.Tell("ping");

        ExpectMsg("pong from A");
        ExpectMsg("pong from B");
    }

    [Fact]
    public void UnbecomeStacked_AfterBecomeStacked_RestoresPreviousBehaviour()
    {
        var actor = ActorOf(Props.Create(() => new Switcher()));

        actor.Tell("push");
        actor.Tell("ping");
        actor.Tell("pop");
        actor.Tell("ping");

        ExpectMsg("pong from C");
        ExpectMsg("pong from A");
    }

    [Fact]
    public void Receive_PredicateDoesNotMatch_FallsThroughToNextHandler()
    {
        var actor = ActorOf(Props.Create(() => new Switcher()));

        actor.Tell(5);
        actor.Tell(-5);

        ExpectMsg("positive");
        ExpectMsg("other int");
    }

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(Task release)
        {
            ReceiveAsync<string>(m => m == "slow", async _ =>
            {
                Sender.Tell("started");
                await release;
                Sender.Tell("finished");
            });
            ReceiveAsync<string>(m => m == "whoami", async _ =>
            {
                await release;
                await Task.Yield();
                Sender.Tell((Self, Sender));
            });
            ReceiveAsync<string>(m => m == "fail-later", async _ =>
            {
                await release;
                throw new InvalidOperationException("fails after await");
            });
            Receive<string>(m => Sender.Tell(m));
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            Sender.Tell("restarted: " + reason.Message);
            base.PreRestart(reason, message);
        }
    }

    private sealed class OverlapDetector : ReceiveActor
    {
        private int _inside;
        private int _max;
        private int _completed;

        public OverlapDetector()
        {
            ReceiveAsync<int>(async _ =>
            {
                _max = Math.Max(_max, Interlocked.Increment(ref _inside));
                await Task.Yield();
                await Task.Delay(1);
                Interlocked.Decrement(ref _inside);
                _completed++;
            });
            Receive<string>(_ => Sender.Tell((_max, _completed)));
        }
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(m => m == "ping", _ => Sender.Tell("pong from A"));
            Receive<string>(m => m == "switch", _ => Become(() => Receive<string>(m => m == "ping", _ => Sender.Tell("pong from B"))));
            Receive<string>(m => m == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(m => m == "ping", _ => Sender.Tell("pong from C"));
                Receive<string>(m => m == "pop", _ => UnbecomeStacked());
            }));
            Receive<int>(i => i > 0, _ => Sender.Tell("positive"));
            Receive<int>(_ => Sender.Tell("other int"));
        }
    }
}
