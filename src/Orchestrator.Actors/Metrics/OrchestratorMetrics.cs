using System.Diagnostics.Metrics;

namespace Orchestrator.Actors.Metrics;

/// <summary>
/// The orchestrator's instruments, on one <see cref="Meter"/> named <see cref="MeterName"/>. The
/// actors record; the service exports through OpenTelemetry (Prometheus at <c>/metrics</c>, OTLP when
/// configured). Static because a Meter is process-wide by nature and instruments are cheap to record
/// to when nobody listens. Names follow OpenTelemetry's dotted style and are chosen so that the
/// Prometheus names (dots to underscores, the unit as a suffix, <c>_total</c> on counters) are the
/// series the service has always exported: <c>orchestrator.journal.write</c> in seconds is
/// <c>orchestrator_journal_write_seconds</c>. A unit in braces is an annotation and adds no suffix.
/// </summary>
public static class OrchestratorMetrics
{
    public const string MeterName = "Orchestrator";

    /// <summary>Bucket upper bounds in seconds, from sub-millisecond journal writes to slow teardowns.</summary>
    private static readonly IReadOnlyList<double> LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Bucket upper bounds in seconds for a whole recovery: a fresh node to tens of thousands of containers.</summary>
    private static readonly IReadOnlyList<double> RecoveryBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Resources created, by kind (bind, loop, nydus, directory) and outcome (created, failed).</summary>
    public static Counter<long> Mounts { get; } = Meter.CreateCounter<long>("orchestrator.mounts", "{resource}", "Resources created, by kind and outcome");

    /// <summary>Resources undone, by kind and outcome (removed, already_gone, detached, failed, refused).</summary>
    public static Counter<long> Unmounts { get; } = Meter.CreateCounter<long>("orchestrator.unmounts", "{resource}", "Resources undone, by kind and outcome");

    /// <summary>Teardown steps that failed or were refused.</summary>
    public static Counter<long> TeardownErrors { get; } = Meter.CreateCounter<long>("orchestrator.teardown.errors", "{error}", "Teardown steps that failed or were refused");

    /// <summary>Journal writes' latency in seconds, from the call to the durable answer.</summary>
    public static Histogram<double> JournalWriteSeconds { get; } = Seconds("orchestrator.journal.write", "Journal write latency", LatencyBuckets);

    /// <summary>The one read of every stored history that recovery after a start is answered from, in seconds.</summary>
    public static Histogram<double> JournalStartupScanSeconds { get; } = Seconds("orchestrator.journal.startup_scan", "Start-up read of the journal for recovery", LatencyBuckets);

    /// <summary>How long recovery after a start took, from the manager's start until it reported recovery finished.</summary>
    public static Histogram<double> RecoverySeconds { get; } = Seconds("orchestrator.recovery", "Recovery after start, until the manager reported it finished", RecoveryBuckets);

    private static int _liveSandboxes;
    private static int _liveContainers;
    private static int _residentContainers;

    static OrchestratorMetrics()
    {
        Meter.CreateObservableGauge("orchestrator.live.sandboxes", () => Volatile.Read(ref _liveSandboxes), "{sandbox}", "Sandboxes known to the manager");
        Meter.CreateObservableGauge("orchestrator.live.containers", () => Volatile.Read(ref _liveContainers), "{container}", "Containers known to their sandboxes");
        Meter.CreateObservableGauge("orchestrator.resident.containers", () => Volatile.Read(ref _residentContainers), "{container}", "Container actors in memory; the other live containers are passivated");
    }

    /// <summary>Container actors in memory in this process (the live containers not counted here are passivated).</summary>
    public static int ResidentContainers => Volatile.Read(ref _residentContainers);

    /// <summary>Reports a change in how many sandboxes one manager knows (callers report deltas so restarts net out).</summary>
    public static void SandboxesChanged(int delta) => Interlocked.Add(ref _liveSandboxes, delta);

    public static void ContainersChanged(int delta) => Interlocked.Add(ref _liveContainers, delta);

    /// <summary>A container actor started (1) or stopped (-1): passivated, failed, restarted or removed.</summary>
    public static void ResidentContainersChanged(int delta) => Interlocked.Add(ref _residentContainers, delta);

    /// <summary>Records one finished recovery; the manager calls it once per start, when it first knows recovery is over.</summary>
    public static void RecoveryFinished(TimeSpan elapsed) => RecoverySeconds.Record(elapsed.TotalSeconds);

    // Recorded on every mount and unmount: the tag is made once per kind, not lower-cased per call.
    private static readonly Dictionary<Resources.ResourceKind, KeyValuePair<string, object?>> KindTags =
        Enum.GetValues<Resources.ResourceKind>().ToDictionary(k => k, k => new KeyValuePair<string, object?>("kind", k.ToString().ToLowerInvariant()));

    public static KeyValuePair<string, object?> Kind(Resources.ResourceKind kind) => KindTags[kind];

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    private static Histogram<double> Seconds(string name, string description, IReadOnlyList<double> buckets) =>
        Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
