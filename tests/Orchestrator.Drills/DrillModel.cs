namespace Orchestrator.Drills;

/// <summary>
/// What the workload asked for and what the server acknowledged, kept by the drill itself so the
/// restarted server can be judged against it (check 1).
/// </summary>
internal sealed class DrillModel
{
    public Dictionary<string, Expected> Sandboxes { get; } = new(StringComparer.Ordinal);

    /// <summary>Keyed by (sandbox, container).</summary>
    public Dictionary<(string Sandbox, string Container), Expected> Containers { get; } = [];

    /// <summary>Hot-added paths, keyed by (sandbox, container, container path).</summary>
    public Dictionary<(string Sandbox, string Container, string Path), Expected> Paths { get; } = [];

    /// <summary>The request that was in flight when the server died, for the report.</summary>
    public string? InFlight { get; set; }
}
