namespace Orchestrator.Actors.Runtime;

/// <summary>A message the recipient's behaviour did not handle, published on the <see cref="EventStream"/>.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
