namespace Orchestrator.Actors.Runtime;

/// <summary>A user-queue message the runtime handles itself before (or instead of) the actor's Receive.</summary>
internal interface IAutoReceivedMessage
{
}
