using System.Threading.Channels;
using Akka.Actor;

namespace Orchestrator.Benchmarks.Runtime;

/// <summary>
/// Many producers hand messages to one consumer as fast as they can. Both sides produce in bursts and give
/// their thread up between bursts (an actor does so after each message it handles; a task awaits
/// <see cref="Task.Yield"/>), as producers sharing a thread pool with their consumer must: a producer that
/// never yields starves any consumer queued behind it.
/// </summary>
internal static class ManyToOne
{
    private const int Burst = 100;
    private static readonly object Message = new();

    /// <returns>Messages handed off.</returns>
    public static long Actors(ActorSystem system, int senders, int perSender)
    {
        var total = (long)senders * perSender;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = system.ActorOf(Props.Create(() => new Sink(total, done)));
        var producers = Enumerable.Range(0, senders)
            .Select(_ => system.ActorOf(Props.Create(() => new Producer(sink, perSender))))
            .ToList();

        foreach (var producer in producers)
        {
            producer.Tell(Producer.Go, ActorRefs.NoSender);
        }

        done.Task.Wait();
        system.Stop(sink);
        producers.ForEach(system.Stop);
        return total;
    }

    /// <returns>Messages handed off.</returns>
    public static long Channels(int senders, int perSender)
    {
        var total = (long)senders * perSender;
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = Task.Run(async () =>
        {
            var received = 0L;
            while (received < total && await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out _))
                {
                    received++;
                }
            }
        });
        var producers = Enumerable.Range(0, senders)
            .Select(_ => Task.Run(async () =>
            {
                for (var sent = 0; sent < perSender;)
                {
                    for (var end = Math.Min(sent + Burst, perSender); sent < end; sent++)
                    {
                        channel.Writer.TryWrite(Message);
                    }

                    await Task.Yield();
                }
            }))
            .ToArray();

        Task.WaitAll(producers);
        consumer.Wait();
        return total;
    }

    private sealed class Producer : ReceiveActor
    {
        public static readonly object Go = new();

        private int _remaining;

        public Producer(IActorRef sink, int count)
        {
            _remaining = count;
            ReceiveAny(_ =>
            {
                for (var end = Math.Max(_remaining - Burst, 0); _remaining > end; _remaining--)
                {
                    sink.Tell(Message, ActorRefs.NoSender);
                }

                if (_remaining > 0)
                {
                    Self.Tell(Go, ActorRefs.NoSender);
                }
            });
        }
    }

    private sealed class Sink : ReceiveActor
    {
        private long _remaining;

        public Sink(long total, TaskCompletionSource done)
        {
            _remaining = total;
            ReceiveAny(_ =>
            {
                if (--_remaining == 0)
                {
                    done.SetResult();
                }
            });
        }
    }
}
