namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The actor behind <c>/</c>. When <c>/user</c> has stopped (terminate, or a failure the stopping strategy
/// does not forgive) it stops itself, which stops <c>/system</c> and completes the system's termination.
/// </summary>
internal sealed class RootGuardian : ActorBase
{
    private readonly IActorRef _userGuardian;

    public RootGuardian(IActorRef userGuardian)
    {
        _userGuardian = userGuardian;
    }

    protected override void PreStart() => Context.Watch(_userGuardian);

    protected override bool Receive(object message)
    {
        if (message is Terminated terminated && ReferenceEquals(terminated.ActorRef, _userGuardian))
        {
            Context.System.OnUserGuardianTerminated();
            Context.Stop(Self);
            return true;
        }

        return false;
    }
}
