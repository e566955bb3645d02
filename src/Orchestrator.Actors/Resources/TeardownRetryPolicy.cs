namespace Orchestrator.Actors.Resources;

/// <summary>
/// How long teardown keeps retrying an EBUSY before it falls back to a lazy detach: a bounded
/// number of attempts with exponential backoff, scheduled (the actor waits on a timer, it does
/// not hold a thread).
/// </summary>
public sealed record TeardownRetryPolicy(int MaxAttempts, TimeSpan InitialDelay, double Multiplier, TimeSpan MaxDelay)
{
    public static TeardownRetryPolicy Default { get; } = new(5, TimeSpan.FromMilliseconds(50), 2.0, TimeSpan.FromSeconds(1));

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ms = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds));
    }

    public void Validate()
    {
        if (MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be between 1 and 100");
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, "must be non-negative and at most MaxDelay");
        }

        if (Multiplier < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier, "must be at least 1");
        }
    }
}
