using System.Diagnostics.Metrics;

namespace Orchestrator.Actors.Metrics;

/// <summary>
/// The orchestrator's instruments, on one <see cref="Meter"/> named <see cref="MeterName"/>. The
/// actors record; the service exports (Prometheus text at <c>/metrics</c>). Static because a
/// Meter is process-wide by nature and instruments are cheap to record to when nobody listens.
/// </summary>
public static class OrchestratorMetrics
{
    public const string MeterName = "Orchestrator";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Resources created, by kind (bind, loop, nydus, directory) and outcome (created, failed).</summary>
    public static Counter<long> Mounts { get; } = Meter.CreateCounter<long>("orchestrator_mounts", description: "Resources created, by kind and outcome");

    /// <summary>Resources undone, by kind and outcome (removed, already_gone, detached, failed, refused).</summary>
    public static Counter<long> Unmounts { get; } = Meter.CreateCounter<long>("orchestrator_unmounts", description: "Resources undone, by kind and outcome");

    /// <summary>Teardown steps that failed or were refused.</summary>
    public static Counter<long> TeardownErrors { get; } = Meter.CreateCounter<long>("orchestrator_teardown_errors", description: "Teardown steps that failed or were refused");

    /// <summary>Journal writes' latency in seconds, from the call to the durable answer.</summary>
    public static Histogram<double> JournalWriteSeconds { get; } = Meter.CreateHistogram<double>("orchestrator_journal_write_seconds", unit: "s", description: "Journal write latency");

    /// <summary>The one read of every stored history that recovery after a start is answered from, in seconds.</summary>
    public static Histogram<double> JournalStartupScanSeconds { get; } = Meter.CreateHistogram<double>("orchestrator_journal_startup_scan_seconds", unit: "s", description: "Start-up read of the journal for recovery");

    private static int _liveSandboxes;
    private static int _liveContainers;

    static OrchestratorMetrics()
    {
        Meter.CreateObservableGauge("orchestrator_live_sandboxes", () => Volatile.Read(ref _liveSandboxes), description: "Sandboxes known to the manager");
        Meter.CreateObservableGauge("orchestrator_live_containers", () => Volatile.Read(ref _liveContainers), description: "Containers known to their sandboxes");
    }

    /// <summary>Reports a change in how many sandboxes one manager knows (callers report deltas so restarts net out).</summary>
    public static void SandboxesChanged(int delta) => Interlocked.Add(ref _liveSandboxes, delta);

    public static void ContainersChanged(int delta) => Interlocked.Add(ref _liveContainers, delta);

    public static KeyValuePair<string, object?> Kind(Resources.ResourceKind kind) => new("kind", kind.ToString().ToLowerInvariant());

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
