namespace Orchestrator.Actors.Runtime;

/// <summary>Where undeliverable messages end: each is logged and published as a <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef : MinimalActorRef
{
    private readonly ActorSystem _system;

    public DeadLetterActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override ActorSystem? System => _system;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var letter = message as DeadLetter ?? new DeadLetter(message, sender ?? ActorRefs.NoSender, this);
        _system.PublishDeadLetter(letter);
    }
}
