namespace Orchestrator.Actors.Runtime.Supervision;

/// <summary>
/// Restart and Stop apply to every child of the supervisor, for children whose states depend on each
/// other; Resume applies to the failed child only.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        // Every child's budget is charged, as in Akka: the siblings restart because of this failure too.
        var permitted = true;
        foreach (var child in children)
        {
            permitted &= child.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange);
        }

        foreach (var child in children)
        {
            if (restart && permitted)
            {
                supervisor.RestartChild(child, cause, suspendFirst: !ReferenceEquals(child, failed));
            }
            else
            {
                supervisor.StopChild(child);
            }
        }
    }
}
