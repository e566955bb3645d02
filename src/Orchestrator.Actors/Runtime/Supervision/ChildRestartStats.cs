using System.Diagnostics;

namespace Orchestrator.Actors.Runtime.Supervision;

/// <summary>A child as its parent sees it: its ref, whether it is being stopped, and its restart budget.</summary>
internal sealed class ChildRestartStats
{
    private int _retries;
    private long _windowStart;

    public ChildRestartStats(LocalActorRef child)
    {
        Child = child;
    }

    public LocalActorRef Child { get; }

    public bool IsStopping { get; set; }

    /// <summary>Akka's rule: count restarts, and start a fresh window once the previous one has passed.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan withinTimeRange)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        var retriesDefined = maxNrOfRetries > 0;
        var windowDefined = withinTimeRange > TimeSpan.Zero;
        if (retriesDefined && !windowDefined)
        {
            return ++_retries <= maxNrOfRetries;
        }

        return !windowDefined || RetriesInWindowOkay(retriesDefined ? maxNrOfRetries : 1, withinTimeRange);
    }

    private bool RetriesInWindowOkay(int retries, TimeSpan window)
    {
        var now = Stopwatch.GetTimestamp();
        if (_windowStart == 0)
        {
            _windowStart = now;
        }

        if (Stopwatch.GetElapsedTime(_windowStart, now) <= window)
        {
            return ++_retries <= retries;
        }

        _retries = 1;
        _windowStart = now;
        return true;
    }
}
