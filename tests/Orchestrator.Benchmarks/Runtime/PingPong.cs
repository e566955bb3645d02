using System.Threading.Channels;
using Akka.Actor;

namespace Orchestrator.Benchmarks.Runtime;

/// <summary>One ball bounced between two parties; every bounce is a hand-off that wakes the other side.</summary>
internal static class PingPong
{
    private static readonly object Ball = new();

    /// <returns>Messages handed off (two per round trip).</returns>
    public static long Actors(ActorSystem system, int roundTrips)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = system.ActorOf(Props.Create(static () => new Ponger()));
        var pinger = system.ActorOf(Props.Create(() => new Pinger(roundTrips, done)));

        ponger.Tell(Ball, pinger);
        done.Task.Wait();
        system.Stop(pinger);
        system.Stop(ponger);
        return 2L * roundTrips;
    }

    /// <returns>Messages handed off (two per round trip).</returns>
    public static long Channels(int roundTrips)
    {
        var ping = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pong = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pinger = Task.Run(async () =>
        {
            ping.Writer.TryWrite(Ball);
            for (var i = 0; i < roundTrips; i++)
            {
                var ball = await pong.Reader.ReadAsync().ConfigureAwait(false);
                if (i + 1 < roundTrips)
                {
                    ping.Writer.TryWrite(ball);
                }
            }

            ping.Writer.Complete();
        });
        var ponger = Task.Run(async () =>
        {
            await foreach (var ball in ping.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                pong.Writer.TryWrite(ball);
            }
        });

        Task.WaitAll(pinger, ponger);
        return 2L * roundTrips;
    }

    private sealed class Pinger : ReceiveActor
    {
        private int _remaining;

        public Pinger(int roundTrips, TaskCompletionSource done)
        {
            _remaining = roundTrips;
            ReceiveAny(ball =>
            {
                if (--_remaining == 0)
                {
                    done.SetResult();
                    return;
                }

                Sender.Tell(ball, Self);
            });
        }
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => ReceiveAny(ball => Sender.Tell(ball, Self));
    }
}
