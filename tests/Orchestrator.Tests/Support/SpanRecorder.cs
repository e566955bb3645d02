using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Actors.Tracing;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Listens to the <see cref="OrchestratorTracing.SourceName"/> source, records every span it ends and
/// hands a test the ones of its own trace: a listener is process-wide, so spans of tests running
/// beside it are recorded too and told apart by their trace id.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrchestratorTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A parent context as an API request would carry it: a fresh trace, recorded.</summary>
    public static ActivityContext NewTrace() => new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    public IReadOnlyList<Activity> Ended(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    /// <summary>Every span ended so far, of any trace.</summary>
    public IReadOnlyList<Activity> All() => [.. _stopped];

    /// <summary>
    /// The one ended span named <paramref name="name"/> in <paramref name="traceId"/>. A step's span ends
    /// before its answer is sent and a native call's before its reply, so a test that has the answer
    /// finds the span without waiting.
    /// </summary>
    public Activity Single(ActivityTraceId traceId, string name)
    {
        var found = Ended(traceId).Where(a => a.OperationName == name).ToList();
        return found.Count == 1
            ? found[0]
            : throw new Xunit.Sdk.XunitException($"expected one ended span '{name}' in trace {traceId}, found {found.Count} among: {string.Join(", ", Ended(traceId).Select(a => a.OperationName))}");
    }

    public void Dispose() => _listener.Dispose();
}
