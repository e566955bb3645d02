namespace Orchestrator.Actors.Runtime;

/// <summary>Every actor answers it with <see cref="ActorIdentity"/>, without involving its Receive.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;
