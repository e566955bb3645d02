namespace Orchestrator.Actors.Runtime;

/// <summary>The ref of an actor with a mailbox. One per cell, so it stays the same across restarts.</summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public ActorPath Path { get; }

    public ActorSystem System => Cell.System;

    internal ActorCell Cell { get; }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(new Envelope(message, sender ?? ImplicitSender.Resolve()));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);

    public void Stop() => Cell.SendSystemMessage(new SystemMessage.Terminate());

    public override string ToString() => Path.ToString();
}
