namespace Orchestrator.Actors.Runtime.Supervision;

/// <summary>
/// Maps a child's exception to a <see cref="Directive"/> and applies it. A restart is granted at most
/// <see cref="MaxNrOfRetries"/> times within <see cref="WithinTimeRange"/> (-1 and an infinite range mean
/// no limit, 0 retries means never restart); past that the child is stopped.
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restart on any exception except initialization failures, Kill and death pacts, which stop.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stop on any exception.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    public int MaxNrOfRetries { get; }

    public TimeSpan WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public Directive Decide(Exception cause) => Decider(cause);

    /// <summary>Applies Restart (<paramref name="restart"/>) or Stop to the failed child and, for all-for-one, its siblings.</summary>
    internal abstract void ProcessFailure(ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children);
}
