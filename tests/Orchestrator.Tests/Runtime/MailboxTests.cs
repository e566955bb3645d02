using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class MailboxTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void Post_OneSender_DeliversInSendOrder()
    {
        var echo = ActorOf(Props.Create(() => new Echo()));

        for (var i = 0; i < 500; i++)
        {
            echo.Tell(i);
        }

        Assert.Equal(Enumerable.Range(0, 500).Cast<object>(), ReceiveN(500));
    }

    [Fact]
    public void Post_ManyConcurrentSenders_KeepsEachSendersOrder()
    {
        const int senders = 8;
        const int perSender = 2_000;
        var checker = ActorOf(Props.Create(() => new OrderChecker(senders * perSender, TestActor)));

        Parallel.For(0, senders, new ParallelOptions { MaxDegreeOfParallelism = senders }, sender =>
        {
            for (var seq = 0; seq < perSender; seq++)
            {
                checker.Tell(new Numbered(sender, seq), ActorRefs.NoSender);
            }
        });

        Assert.Equal(0, ExpectMsg<int>(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Invoke_ManyConcurrentSenders_ProcessesOneMessageAtATime()
    {
        const int total = 8 * 1_000;
        var probe = ActorOf(Props.Create(() => new ConcurrencyProbe(total, TestActor)));

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < total / 8; i++)
            {
                probe.Tell(i, ActorRefs.NoSender);
            }
        });

        Assert.Equal(1, ExpectMsg<int>(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void PostSystem_TerminateWhileUserMessagesQueued_OvertakesThem()
    {
        using var gate = new ManualResetEventSlim();
        var processed = 0;
        var blocker = ActorOf(Props.Create(() => new Blocker(gate, () => Interlocked.Increment(ref processed))));
        Watch(blocker);

        blocker.Tell("first");
        ExpectMsg("blocked");
        for (var i = 0; i < 10; i++)
        {
            blocker.Tell("queued");
        }

        Sys.Stop(blocker);
        gate.Set();

        ExpectTerminated(blocker);
        Assert.Equal(1, Volatile.Read(ref processed));
    }

    [Fact]
    public void Run_ManyActorsAndLongQueues_EveryMessageIsProcessed()
    {
        const int actors = 50;
        const int perActor = 400;
        var counters = Enumerable.Range(0, actors)
            .Select(_ => ActorOf(Props.Create(() => new Counter(perActor, TestActor))))
            .ToList();

        foreach (var counter in counters)
        {
            for (var i = 0; i < perActor; i++)
            {
                counter.Tell(i, ActorRefs.NoSender);
            }
        }

        Assert.Equal(actors, ReceiveN(actors, TimeSpan.FromSeconds(20)).Count);
    }

    private sealed record Numbered(int Sender, int Seq);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }

    private sealed class OrderChecker : ReceiveActor
    {
        private readonly Dictionary<int, int> _next = [];
        private int _violations;
        private int _received;

        public OrderChecker(int expected, IActorRef report)
        {
            Receive<Numbered>(message =>
            {
                var next = _next.GetValueOrDefault(message.Sender);
                if (message.Seq != next)
                {
                    _violations++;
                }

                _next[message.Sender] = message.Seq + 1;
                if (++_received == expected)
                {
                    report.Tell(_violations);
                }
            });
        }
    }

    private sealed class ConcurrencyProbe : ReceiveActor
    {
        private int _inside;
        private int _max;
        private int _received;

        public ConcurrencyProbe(int expected, IActorRef report)
        {
            Receive<int>(_ =>
            {
                var now = Interlocked.Increment(ref _inside);
                _max = Math.Max(_max, now);
                Thread.SpinWait(20);
                Interlocked.Decrement(ref _inside);
                if (++_received == expected)
                {
                    report.Tell(_max);
                }
            });
        }
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim gate, Action onMessage)
        {
            Receive<string>(message =>
            {
                onMessage();
                if (message == "first")
                {
                    Sender.Tell("blocked");
                    gate.Wait();
                }
            });
        }
    }

    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter(int expected, IActorRef report)
        {
            Receive<int>(_ =>
            {
                if (++_count == expected)
                {
                    report.Tell(Self);
                }
            });
        }
    }
}
