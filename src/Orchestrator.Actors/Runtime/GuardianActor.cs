namespace Orchestrator.Actors.Runtime;

/// <summary>The actor behind <c>/user</c> and <c>/system</c>: it only supervises (default strategy).</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}
