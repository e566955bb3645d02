namespace Orchestrator.Actors.Failpoints;

/// <summary>What a configured failpoint does when hit.</summary>
public enum FailpointKind
{
    /// <summary>The process dies at once, as with SIGKILL: no finally blocks, no flush.</summary>
    Crash,

    /// <summary>The step fails with an injected <see cref="FailpointException"/>.</summary>
    Error,
}

/// <summary>A configured failpoint: what it does, and on which hit (1-based; 0 = every hit).</summary>
public sealed class FailpointAction(FailpointKind kind, int onHit)
{
    private int _hits;

    public FailpointKind Kind { get; } = kind;

    public int OnHit { get; } = onHit;

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Counts the hit; true when this is the hit the action fires on.</summary>
    public bool Fires()
    {
        var hit = Interlocked.Increment(ref _hits);
        return OnHit == 0 || hit == OnHit;
    }

    public override string ToString() => OnHit == 0 ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()}@{OnHit}";
}
