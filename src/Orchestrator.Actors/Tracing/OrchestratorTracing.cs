using System.Diagnostics;

namespace Orchestrator.Actors.Tracing;

/// <summary>
/// The orchestrator's spans, on one <see cref="ActivitySource"/> named <see cref="SourceName"/>: one per
/// step of a sandbox or container actor (<see cref="StepNames"/>) and one per native call below it
/// (<c>native.&lt;operation&gt;</c>). An activity does not cross a mailbox by itself, so a command carries
/// its sender's <see cref="ActivityContext"/> and the step actor starts its span with that parent. With
/// nobody listening <see cref="ActivitySource.HasListeners"/> is false, no span is created and the
/// carried context is the default struct, so tracing costs one check per step and per call.
/// </summary>
public static class OrchestratorTracing
{
    public const string SourceName = "Orchestrator";

    // Attribute names: the orchestrator's own under "orchestrator.", the error type as OpenTelemetry's
    // semantic conventions name it, so a back end groups failures without knowing the project.
    public const string SandboxIdAttribute = "orchestrator.sandbox.id";
    public const string ContainerIdAttribute = "orchestrator.container.id";
    public const string OperationAttribute = "orchestrator.native.operation";
    public const string TargetAttribute = "orchestrator.native.target";
    public const string SourceAttribute = "orchestrator.native.source";
    public const string OutcomeAttribute = "orchestrator.native.outcome";
    public const string SyscallAttribute = "orchestrator.native.syscall";
    public const string ErrnoAttribute = "orchestrator.native.errno";
    public const string ErrorTypeAttribute = "error.type";

    public static ActivitySource Source { get; } = new(SourceName, "1.0");

    /// <summary>
    /// Starts a span under <paramref name="parent"/> (a root span when it is the default) and leaves
    /// <see cref="Activity.Current"/> as it was: an actor's span outlives the message that started it,
    /// so it is made current only while the actor works for it.
    /// </summary>
    internal static Activity? StartDetached(string name, ActivityContext parent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var outer = Activity.Current;
        var activity = Source.StartActivity(name, ActivityKind.Internal, parent);
        Activity.Current = outer;
        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="error"/> (nothing when it is not recorded).</summary>
    internal static void Failed(Activity? activity, Exception error)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ErrorTypeAttribute, error.GetType().Name);
            activity.AddException(error);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }
}
