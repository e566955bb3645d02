namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The only handle to an actor. Messages told to it are queued in the actor's mailbox; a ref whose
/// actor has stopped routes them to dead letters.
/// </summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>
    /// Queues <paramref name="message"/>. A null <paramref name="sender"/> means "the implicit sender":
    /// the actor currently processing a message on this thread, or <see cref="ActorRefs.NoSender"/>.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}
