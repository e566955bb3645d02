namespace Orchestrator.Actors.Runtime;

/// <summary>The actor's view of itself and its surroundings; valid only inside the actor.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed (dead letters when there is none).</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    TimeSpan? ReceiveTimeout { get; }

    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The live child of that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    IReadOnlyList<IActorRef> GetChildren();

    /// <summary>Stops the actor asynchronously: it finishes the message in hand, then stops its children, then itself.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> exactly once when <paramref name="subject"/> stops (at once if already dead).</summary>
    IActorRef Watch(IActorRef subject);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Sends <see cref="Runtime.ReceiveTimeout"/> after this much idleness; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();
}
