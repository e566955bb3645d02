namespace Orchestrator.Native.Paths;

/// <summary>How a removal ended when it did not fail.</summary>
public enum RemoveOutcome
{
    /// <summary>The directory or file was removed.</summary>
    Removed,

    /// <summary>Nothing was there: removed before (replay is idempotent).</summary>
    AlreadyGone,

    /// <summary>EBUSY: something is still mounted on it; retry with backoff.</summary>
    Busy,
}
