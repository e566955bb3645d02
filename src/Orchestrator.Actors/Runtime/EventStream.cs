namespace Orchestrator.Actors.Runtime;

/// <summary>
/// System-wide publish/subscribe by message type (dead letters, unhandled messages). A subscriber receives
/// every published event assignable to a channel it subscribed to; stopped actors are unsubscribed.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private Subscription[] _subscriptions = [];

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            if (Array.Exists(_subscriptions, s => ReferenceEquals(s.Subscriber, subscriber) && s.Channel == channel))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, new Subscription(subscriber, channel)];
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Remove(s => ReferenceEquals(s.Subscriber, subscriber) && s.Channel == channel);
    }

    public bool Unsubscribe(IActorRef subscriber) => Remove(s => ReferenceEquals(s.Subscriber, subscriber));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Channel.IsInstanceOfType(@event))
            {
                subscription.Subscriber.Tell(@event, ActorRefs.NoSender);
            }
        }
    }

    private bool Remove(Predicate<Subscription> match)
    {
        // Read without the lock first: most stopping actors never subscribed.
        if (!Array.Exists(Volatile.Read(ref _subscriptions), match))
        {
            return false;
        }

        lock (_lock)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    private sealed record Subscription(IActorRef Subscriber, Type Channel);
}
