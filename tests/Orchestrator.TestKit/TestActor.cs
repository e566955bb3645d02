using System.Collections.Concurrent;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.TestKit;

/// <summary>
/// The actor behind <see cref="TestKitBase.TestActor"/>: queues everything it receives, with its sender,
/// for the expectations to take. It handles <see cref="Terminated"/> too, so watching never kills it.
/// </summary>
internal sealed class TestActor : ActorBase
{
    private readonly BlockingCollection<Envelope> _queue;

    public TestActor(BlockingCollection<Envelope> queue)
    {
        _queue = queue;
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Subject);
                break;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                break;
            default:
                _queue.Add(new Envelope(message, Sender));
                break;
        }

        return true;
    }

    internal sealed record WatchCommand(IActorRef Subject);

    internal sealed record UnwatchCommand(IActorRef Subject);
}
