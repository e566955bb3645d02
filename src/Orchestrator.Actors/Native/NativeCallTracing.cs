using System.Diagnostics;
using Orchestrator.Actors.Tracing;

namespace Orchestrator.Actors.Native;

/// <summary>
/// The span of one native call: <c>native.&lt;operation&gt;</c>, a child of the step that made the call,
/// with the operation, its target and, on failure, the syscall and errno. A call that carries no step
/// context (a test, a raw request) gets no span.
/// </summary>
internal static class NativeCallTracing
{
    public static Activity? Start(NativeCall call)
    {
        if (call.Trace == default || !OrchestratorTracing.Source.HasListeners())
        {
            return null;
        }

        var (name, operation, target, source) = Describe(call.Request);
        var activity = OrchestratorTracing.Source.StartActivity(name, ActivityKind.Internal, call.Trace);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OrchestratorTracing.OperationAttribute, operation);
            activity.SetTag(OrchestratorTracing.TargetAttribute, target);
            activity.SetTag(OrchestratorTracing.SourceAttribute, source);
        }

        return activity;
    }

    /// <summary>Records how the call ended and ends the span (which also restores the thread's previous current activity).</summary>
    public static void End(Activity? activity, INativeReply reply)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            if (reply is NativeFailed failed)
            {
                activity.SetTag(OrchestratorTracing.OutcomeAttribute, "failed");
                activity.SetTag(OrchestratorTracing.SyscallAttribute, failed.Error.Syscall);
                activity.SetTag(OrchestratorTracing.ErrnoAttribute, failed.Error.Errno);
                activity.SetTag(OrchestratorTracing.ErrorTypeAttribute, failed.Error.Errno);
                activity.SetStatus(ActivityStatusCode.Error, failed.Error.Message);
            }
            else
            {
                activity.SetTag(OrchestratorTracing.OutcomeAttribute, Outcome(reply));
            }
        }

        activity.Dispose();
    }

    // Constant strings only: a span name is low-cardinality by rule, and nothing here allocates.
    private static (string Name, string Operation, string? Target, string? Source) Describe(INativeRequest request) => request switch
    {
        EnsureDirectory r => ("native.ensure-directory", "ensure-directory", r.Path, null),
        BindMount r => ("native.bind-mount", "bind-mount", r.Target, r.Source),
        Unmount r => ("native.unmount", "unmount", r.Target, null),
        RemoveMountPoint r => ("native.remove-mount-point", "remove-mount-point", r.Target, null),
        AttachLoop r => ("native.attach-loop", "attach-loop", r.Image, null),
        DetachLoop r => ("native.detach-loop", "detach-loop", r.Device, r.Image),
        FindLoop r => ("native.find-loop", "find-loop", r.Image, null),
        ReadMounts r => ("native.read-mounts", "read-mounts", r.Under, null),
        InspectHostPaths => ("native.inspect-host-paths", "inspect-host-paths", null, null),
        NydusMount r => ("native.nydus-mount", "nydus-mount", r.MountPoint, r.Bootstrap),
        NydusUnmount r => ("native.nydus-unmount", "nydus-unmount", r.MountPoint, null),
        MountTmpfs r => ("native.mount-tmpfs", "mount-tmpfs", r.Target, null),
        SweepStaging r => ("native.sweep-staging", "sweep-staging", r.Directory, null),
        GetNativeInfo => ("native.get-native-info", "get-native-info", null, null),
        _ => ("native.other", request.GetType().Name, null, null),
    };

    private static string Outcome(INativeReply reply) => reply switch
    {
        UnmountDone { Outcome: UnmountOutcome.Unmounted } => "unmounted",
        UnmountDone { Outcome: UnmountOutcome.NotMounted } => "not_mounted",
        UnmountDone { Outcome: UnmountOutcome.Busy } => "busy",
        UnmountDone { Outcome: UnmountOutcome.RefusedSymlink } => "refused_symlink",
        MountPointRemoved { Outcome: RemoveOutcome.Removed } => "removed",
        MountPointRemoved { Outcome: RemoveOutcome.AlreadyGone } => "already_gone",
        MountPointRemoved { Outcome: RemoveOutcome.Busy } => "busy",
        MountPointRemoved { Outcome: RemoveOutcome.RefusedSymlink } => "refused_symlink",
        DirectoryEnsured { Created: true } => "created",
        DirectoryEnsured => "existed",
        LoopDetached { WasAttached: true } => "detached",
        LoopDetached => "not_attached",
        LoopFound { Device: null } => "not_found",
        LoopFound => "found",
        NydusUnmounted { WasMounted: true } => "unmounted",
        NydusUnmounted => "not_mounted",
        _ => "ok",
    };
}
