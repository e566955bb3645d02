namespace Orchestrator.Actors.Runtime;

public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
