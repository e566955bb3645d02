namespace Orchestrator.Actors.Runtime;

/// <summary>A message together with the ref that sent it, as it travels through a mailbox or a stash.</summary>
public readonly record struct Envelope(object Message, IActorRef Sender);
