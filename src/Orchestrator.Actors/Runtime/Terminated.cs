namespace Orchestrator.Actors.Runtime;

/// <summary>
/// Delivered once to each watcher when the watched actor has stopped. <paramref name="ExistenceConfirmed"/> is
/// false when the actor was already gone at the time of the watch.
/// </summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true, bool AddressTerminated = false)
    : IAutoReceivedMessage;
