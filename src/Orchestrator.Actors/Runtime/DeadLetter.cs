namespace Orchestrator.Actors.Runtime;

/// <summary>A message that could not be delivered, published on the <see cref="EventStream"/>.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);
