using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// Undoes what an actor's ledger says may exist, last created first. Every undo journals an intent
/// and an outcome; a failure is recorded and collected, never allowed to stop the undos after it,
/// and the caller gets every error at the end. Each undo is idempotent, so an interrupted teardown
/// simply runs again after a restart.
/// </summary>
internal static class ResourceTeardown
{
    public const string MaliciousGuest = "a symlink stands where a mount point was: possible malicious guest; left in place";

    public static async Task<IReadOnlyList<string>> UndoAllAsync(IStepHost host, TeardownRetryPolicy policy, Func<Resource, bool>? which = null)
    {
        var errors = new List<string>();
        foreach (var resource in host.Ledger.ToUndo.Where(which ?? (_ => true)).ToList())
        {
            if (await UndoAsync(host, resource, policy) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>Undoes one resource; returns the error to report, or null when it is gone.</summary>
    public static async Task<string?> UndoAsync(IStepHost host, Resource r, TeardownRetryPolicy policy)
    {
        var windows = FailpointNames.Undo(r.Kind);
        Failpoints.Failpoints.Hit(windows.BeforeIntent);
        await host.PersistAsync(new UndoStarted(r.Key));
        Failpoints.Failpoints.Hit(windows.AfterIntent);
        var result = r.Kind switch
        {
            ResourceKind.Bind => await UndoBindAsync(host, r, policy),
            ResourceKind.Directory => await RemoveAsync(host, r, policy, UndoOutcome.Removed, 1),
            ResourceKind.Loop => await UndoLoopAsync(host, r),
            ResourceKind.Nydus => await UndoNydusAsync(host, r),
            _ => Fail(r, new NativeError("none", "none", [r.Target], $"unknown resource kind {r.Kind}")),
        };

        Failpoints.Failpoints.Hit(windows.AfterCall);
        await host.PersistAsync(result.Event);
        Failpoints.Failpoints.Hit(windows.AfterOutcome);
        OrchestratorMetrics.Unmounts.Add(1, OrchestratorMetrics.Kind(r.Kind), OrchestratorMetrics.Outcome(result.Event switch
        {
            ResourceUndone { How: UndoOutcome.AlreadyGone } => "already_gone",
            ResourceUndone { How: UndoOutcome.Detached } => "detached",
            ResourceUndone => "removed",
            UndoRefused => "refused",
            _ => "failed",
        }));
        if (result.Error is not null)
        {
            OrchestratorMetrics.TeardownErrors.Add(1, OrchestratorMetrics.Kind(r.Kind));
        }

        switch (result.Event)
        {
            case UndoRefused:
                ResourceLog.PossibleMaliciousGuest(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target);
                break;
            case ResourceUndone { How: UndoOutcome.Detached } d:
                ResourceLog.LazilyDetached(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, d.Attempts);
                break;
            case ResourceUndone { How: UndoOutcome.AlreadyGone }:
                ResourceLog.AlreadyGone(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target);
                break;
            case UndoFailed f:
                ResourceLog.UndoFailed(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, f.Error.Errno, f.Error.Message);
                break;
        }

        return result.Error;
    }

    internal static InvalidOperationException Unexpected(INativeReply reply) =>
        new($"unexpected native reply {reply.GetType().Name}");

    private static async Task<UndoResult> UndoBindAsync(IStepHost host, Resource r, TeardownRetryPolicy policy)
    {
        var how = UndoOutcome.AlreadyGone;
        var attempts = 0;
        if (r.MayExist)
        {
            while (true)
            {
                attempts++;
                var detach = attempts > policy.MaxAttempts;
                var reply = await host.CallAsync(new Unmount(host.SafeRoot, r.Target, detach));
                if (reply is NativeFailed failed)
                {
                    return Fail(r, failed.Error);
                }

                var outcome = ((UnmountDone)reply).Outcome;
                if (outcome == UnmountOutcome.Busy && !detach)
                {
                    ResourceLog.Busy(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, attempts, policy.MaxAttempts);
                    if (attempts < policy.MaxAttempts)
                    {
                        await host.DelayAsync(policy.DelayAfter(attempts));
                    }

                    continue;
                }

                if (outcome == UnmountOutcome.RefusedSymlink)
                {
                    return Refuse(r);
                }

                how = outcome == UnmountOutcome.NotMounted ? UndoOutcome.AlreadyGone : detach ? UndoOutcome.Detached : UndoOutcome.Removed;
                break;
            }
        }

        return await RemoveAsync(host, r, policy, how, Math.Max(attempts, 1));
    }

    /// <summary>Removes the (empty) mount point or directory, retrying EBUSY on the same schedule.</summary>
    private static async Task<UndoResult> RemoveAsync(IStepHost host, Resource r, TeardownRetryPolicy policy, UndoOutcome how, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reply = await host.CallAsync(new RemoveMountPoint(host.SafeRoot, r.Target));
            if (reply is NativeFailed failed)
            {
                return Fail(r, failed.Error);
            }

            switch (((MountPointRemoved)reply).Outcome)
            {
                case RemoveOutcome.Removed:
                    return Done(r, r.Kind == ResourceKind.Directory ? UndoOutcome.Removed : how, attempts);
                case RemoveOutcome.AlreadyGone:
                    return Done(r, r.Kind == ResourceKind.Directory ? UndoOutcome.AlreadyGone : how, attempts);
                case RemoveOutcome.RefusedSymlink:
                    return Refuse(r);
                case RemoveOutcome.Busy when attempt < policy.MaxAttempts:
                    ResourceLog.Busy(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, attempt, policy.MaxAttempts);
                    await host.DelayAsync(policy.DelayAfter(attempt));
                    break;
                case RemoveOutcome.Busy:
                    return Fail(r, new NativeError("rmdir", "EBUSY", [r.Target], $"rmdir {r.Target}: EBUSY (Device or resource busy) after {attempt} attempts"));
            }
        }
    }

    private static async Task<UndoResult> UndoLoopAsync(IStepHost host, Resource r)
    {
        if (r.Device is null)
        {
            // An attach intent that recovery found no device for: nothing was attached.
            return Done(r, UndoOutcome.AlreadyGone, 1);
        }

        var reply = await host.CallAsync(new DetachLoop(r.Target, r.Device));
        return reply switch
        {
            NativeFailed f => Fail(r, f.Error),
            LoopDetached d => Done(r, d.WasAttached ? UndoOutcome.Removed : UndoOutcome.AlreadyGone, 1),
            _ => throw Unexpected(reply),
        };
    }

    private static async Task<UndoResult> UndoNydusAsync(IStepHost host, Resource r)
    {
        var reply = await host.CallAsync(new NydusUnmount(host.NydusApiSocket ?? string.Empty, r.Target));
        return reply switch
        {
            NativeFailed f => Fail(r, f.Error),
            NydusUnmounted u => Done(r, u.WasMounted ? UndoOutcome.Removed : UndoOutcome.AlreadyGone, 1),
            _ => throw Unexpected(reply),
        };
    }

    private static UndoResult Done(Resource r, UndoOutcome how, int attempts) => new(new ResourceUndone(r.Key, how, attempts), null);

    private static UndoResult Fail(Resource r, NativeError error) => new(new UndoFailed(r.Key, error), $"{r.Key} ({r.Target}): {error.Message}");

    private static UndoResult Refuse(Resource r) => new(new UndoRefused(r.Key, MaliciousGuest), $"{r.Key} ({r.Target}): {MaliciousGuest}");

    private sealed record UndoResult(IResourceEvent Event, string? Error);
}
