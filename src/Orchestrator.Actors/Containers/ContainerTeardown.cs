using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// Undoes everything a container may hold, last created first. Every step journals an intent
/// and an outcome; a failure is recorded and collected, never allowed to stop the steps after it;
/// the caller gets every error at the end. Each undo is idempotent, so an interrupted teardown
/// simply runs again after a restart.
/// </summary>
internal static class ContainerTeardown
{
    public const string MaliciousGuest = "a symlink stands where a mount point was: possible malicious guest; left in place";

    public static async Task<IReadOnlyList<string>> RunAsync(IStepHost host, string reason, TeardownRetryPolicy policy)
    {
        await host.PersistAsync(new TeardownStarted(reason));
        var errors = new List<string>();
        foreach (var resource in host.State.ToUndo.ToList())
        {
            if (await UndoAsync(host, resource, policy) is { } error)
            {
                errors.Add(error);
            }
        }

        await host.PersistAsync(new TeardownCompleted(errors));
        return errors;
    }

    /// <summary>Undoes one resource; returns the error to report, or null when it is gone.</summary>
    public static async Task<string?> UndoAsync(IStepHost host, Resource r, TeardownRetryPolicy policy)
    {
        await host.PersistAsync(new UndoStarted(r.Key));
        var result = r.Kind switch
        {
            ResourceKind.Bind => await UndoBindAsync(host, r, policy),
            ResourceKind.Directory => await RemoveAsync(host, r, policy, UndoOutcome.Removed, 1),
            ResourceKind.Loop => await UndoLoopAsync(host, r),
            ResourceKind.Nydus => await UndoNydusAsync(host, r),
            _ => Fail(r, new NativeError("none", "none", [r.Target], $"unknown resource kind {r.Kind}")),
        };

        await host.PersistAsync(result.Event);
        switch (result.Event)
        {
            case UndoRefused:
                ContainerLog.PossibleMaliciousGuest(host.Log, host.ContainerId, r.Target);
                break;
            case ResourceUndone { How: UndoOutcome.Detached } d:
                ContainerLog.LazilyDetached(host.Log, host.ContainerId, r.Target, d.Attempts);
                break;
            case ResourceUndone { How: UndoOutcome.AlreadyGone }:
                ContainerLog.AlreadyGone(host.Log, host.ContainerId, r.Target);
                break;
            case UndoFailed f:
                ContainerLog.UndoFailed(host.Log, host.ContainerId, r.Target, f.Error.Errno, f.Error.Message);
                break;
        }

        return result.Error;
    }

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
                var reply = await host.CallAsync(new Unmount(host.Layout.Root, r.Target, detach));
                if (reply is NativeFailed failed)
                {
                    return Fail(r, failed.Error);
                }

                var outcome = ((UnmountDone)reply).Outcome;
                if (outcome == UnmountOutcome.Busy && !detach)
                {
                    ContainerLog.Busy(host.Log, host.ContainerId, r.Target, attempts, policy.MaxAttempts);
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
            var reply = await host.CallAsync(new RemoveMountPoint(host.Layout.Root, r.Target));
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
                    ContainerLog.Busy(host.Log, host.ContainerId, r.Target, attempt, policy.MaxAttempts);
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
            // Attach intent without a device: recovery found none attached to the image.
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

    internal static InvalidOperationException Unexpected(INativeReply reply) =>
        new($"unexpected native reply {reply.GetType().Name}");

    private static UndoResult Done(Resource r, UndoOutcome how, int attempts) => new(new ResourceUndone(r.Key, how, attempts), null);

    private static UndoResult Fail(Resource r, NativeError error) => new(new UndoFailed(r.Key, error), $"{r.Key} ({r.Target}): {error.Message}");

    private static UndoResult Refuse(Resource r) => new(new UndoRefused(r.Key, MaliciousGuest), $"{r.Key} ({r.Target}): {MaliciousGuest}");

    private sealed record UndoResult(IContainerEvent Event, string? Error);
}
