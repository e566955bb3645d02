using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// Undoes what an actor's ledger says may exist, last created first. Every undo journals an intent
/// before its call and an outcome after it (a whole teardown shares one write for its intents and
/// one for its outcomes); a failure is recorded and collected, never allowed to stop the undos
/// after it, and the caller gets every error at the end. Each undo is idempotent, so an interrupted teardown
/// simply runs again after a restart.
/// </summary>
internal static class ResourceTeardown
{
    public const string MaliciousGuest = "a symlink stands where a mount point was: possible malicious guest; left in place";

    /// <summary>
    /// Undoes every resource that needs it, last created first, with two durable writes: every undo
    /// intent (after what <paramref name="journalIntents"/> puts before them) before the first call,
    /// every outcome (with what <paramref name="journalOutcomes"/> adds, given the errors) after the
    /// last; <paramref name="then"/> gets every error. A failed undo never stops the ones after it.
    /// A crash between the writes leaves every resource undoing: each undo is idempotent and simply
    /// runs again after the restart.
    /// </summary>
    public static void UndoAll(
        IStepHost host,
        TeardownRetryPolicy policy,
        Action<IReadOnlyList<IResourceEvent>, Action> journalIntents,
        Action<IReadOnlyList<IResourceEvent>, IReadOnlyList<string>, Action> journalOutcomes,
        Action<IReadOnlyList<string>> then) =>
        UndoEach(host, [.. host.Ledger.ToUndo], policy, journalIntents, journalOutcomes, then);

    /// <summary>Undoes one resource; <paramref name="then"/> gets the error to report, or null when it is gone.</summary>
    public static void Undo(IStepHost host, Resource r, TeardownRetryPolicy policy, Action<string?> then) =>
        UndoEach(host, [r], policy, host.Persist, (outcomes, _, next) => host.Persist(outcomes, next), errors => then(errors.Count == 0 ? null : errors[0]));

    internal static InvalidOperationException Unexpected(INativeReply reply) =>
        new($"unexpected native reply {reply.GetType().Name}");

    private static void UndoEach(
        IStepHost host,
        IReadOnlyList<Resource> todo,
        TeardownRetryPolicy policy,
        Action<IReadOnlyList<IResourceEvent>, Action> journalIntents,
        Action<IReadOnlyList<IResourceEvent>, IReadOnlyList<string>, Action> journalOutcomes,
        Action<IReadOnlyList<string>> then)
    {
        var results = new List<UndoResult>(todo.Count);
        foreach (var r in todo)
        {
            Failpoints.Failpoints.Hit(FailpointNames.Undo(r.Kind).BeforeIntent);
        }

        void Next(int i)
        {
            if (i == todo.Count)
            {
                IReadOnlyList<string> errors = [.. results.Select(x => x.Error).OfType<string>()];
                journalOutcomes([.. results.Select(x => x.Event)], errors, () =>
                {
                    for (var j = 0; j < todo.Count; j++)
                    {
                        Failpoints.Failpoints.Hit(FailpointNames.Undo(todo[j].Kind).AfterOutcome);
                        Record(host, todo[j], results[j]);
                    }

                    then(errors);
                });
                return;
            }

            var windows = FailpointNames.Undo(todo[i].Kind);
            Failpoints.Failpoints.Hit(windows.AfterIntent);
            Perform(host, todo[i], policy, result =>
            {
                Failpoints.Failpoints.Hit(windows.AfterCall);
                results.Add(result);
                Next(i + 1);
            });
        }

        journalIntents([.. todo.Select(r => new UndoStarted(r.Key))], () => Next(0));
    }

    private static void Perform(IStepHost host, Resource r, TeardownRetryPolicy policy, Action<UndoResult> then)
    {
        switch (r.Kind)
        {
            case ResourceKind.Bind:
                UndoBind(host, r, policy, then);
                break;
            case ResourceKind.Directory:
                Remove(host, r, policy, UndoOutcome.Removed, 1, then);
                break;
            case ResourceKind.Loop:
                UndoLoop(host, r, then);
                break;
            case ResourceKind.Nydus:
                UndoNydus(host, r, then);
                break;
            default:
                then(Fail(r, new NativeError("none", "none", [r.Target], $"unknown resource kind {r.Kind}")));
                break;
        }
    }

    private static void Record(IStepHost host, Resource r, UndoResult result)
    {
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
            // The journal had it in place and no undo had begun: something outside the orchestrator
            // took it away, which an operator should hear about.
            case ResourceUndone { How: UndoOutcome.AlreadyGone } when r.Status == ResourceStatus.Active:
                ResourceLog.AlreadyGone(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target);
                break;

            // An undo a restart interrupted (its intent is journaled, its call may have run):
            // finding it gone is the expected way for that to end.
            case ResourceUndone { How: UndoOutcome.AlreadyGone } when r.MayExist:
                ResourceLog.AlreadyUndone(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target);
                break;
            case UndoFailed f:
                ResourceLog.UndoFailed(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, f.Error.Errno, f.Error.Message);
                break;
        }
    }

    /// <summary>
    /// umount2 with bounded, scheduled retries while the kernel says EBUSY; once the budget is
    /// spent, one recorded lazy detach; then the mount point is removed.
    /// </summary>
    private static void UndoBind(IStepHost host, Resource r, TeardownRetryPolicy policy, Action<UndoResult> then)
    {
        // A layout bind (the root, mounts/, shared/) sits on a directory the ledger made and removes
        // by its own undo, later in the same teardown: removing it here would leave that undo to
        // find it already gone on every normal destroy.
        var directoryOwnsTarget = host.Ledger.Resources.Any(d => d.Kind == ResourceKind.Directory && d.NeedsUndo && d.Target == r.Target);
        void Unmounted(UndoOutcome how, int attempts)
        {
            if (directoryOwnsTarget)
            {
                then(Done(r, how, attempts));
            }
            else
            {
                Remove(host, r, policy, how, attempts, then);
            }
        }

        if (!r.MayExist)
        {
            Unmounted(UndoOutcome.AlreadyGone, 1);
            return;
        }

        void Attempt(int attempt)
        {
            var detach = attempt > policy.MaxAttempts;
            host.Call(new Unmount(host.SafeRoot, r.Target, detach), reply =>
            {
                if (reply is NativeFailed failed)
                {
                    then(Fail(r, failed.Error));
                    return;
                }

                var outcome = ((UnmountDone)reply).Outcome;
                if (outcome == UnmountOutcome.Busy && !detach)
                {
                    ResourceLog.Busy(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, attempt, policy.MaxAttempts);
                    if (attempt < policy.MaxAttempts)
                    {
                        host.After(policy.DelayAfter(attempt), () => Attempt(attempt + 1));
                    }
                    else
                    {
                        Attempt(attempt + 1);
                    }

                    return;
                }

                if (outcome == UnmountOutcome.RefusedSymlink)
                {
                    then(Refuse(r));
                    return;
                }

                Unmounted(outcome == UnmountOutcome.NotMounted ? UndoOutcome.AlreadyGone : detach ? UndoOutcome.Detached : UndoOutcome.Removed, attempt);
            });
        }

        Attempt(1);
    }

    /// <summary>Removes the (empty) mount point or directory, retrying EBUSY on the same schedule.</summary>
    private static void Remove(IStepHost host, Resource r, TeardownRetryPolicy policy, UndoOutcome how, int attempts, Action<UndoResult> then)
    {
        void Attempt(int attempt)
        {
            host.Call(new RemoveMountPoint(host.SafeRoot, r.Target), reply =>
            {
                if (reply is NativeFailed failed)
                {
                    then(Fail(r, failed.Error));
                    return;
                }

                switch (((MountPointRemoved)reply).Outcome)
                {
                    case RemoveOutcome.Removed:
                        then(Done(r, r.Kind == ResourceKind.Directory ? UndoOutcome.Removed : how, attempts));
                        break;
                    case RemoveOutcome.AlreadyGone:
                        then(Done(r, r.Kind == ResourceKind.Directory ? UndoOutcome.AlreadyGone : how, attempts));
                        break;
                    case RemoveOutcome.RefusedSymlink:
                        then(Refuse(r));
                        break;
                    case RemoveOutcome.Busy when attempt < policy.MaxAttempts:
                        ResourceLog.Busy(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, attempt, policy.MaxAttempts);
                        host.After(policy.DelayAfter(attempt), () => Attempt(attempt + 1));
                        break;
                    case RemoveOutcome.Busy:
                        then(Fail(r, new NativeError("rmdir", "EBUSY", [r.Target], $"rmdir {r.Target}: EBUSY (Device or resource busy) after {attempt} attempts")));
                        break;
                }
            });
        }

        Attempt(1);
    }

    private static void UndoLoop(IStepHost host, Resource r, Action<UndoResult> then)
    {
        if (r.Device is null)
        {
            // An attach intent that recovery found no device for: nothing was attached.
            then(Done(r, UndoOutcome.AlreadyGone, 1));
            return;
        }

        host.Call(new DetachLoop(r.Target, r.Device), reply => then(reply switch
        {
            NativeFailed f => Fail(r, f.Error),
            LoopDetached d => Done(r, d.WasAttached ? UndoOutcome.Removed : UndoOutcome.AlreadyGone, 1),
            _ => throw Unexpected(reply),
        }));
    }

    private static void UndoNydus(IStepHost host, Resource r, Action<UndoResult> then) =>
        host.Call(new NydusUnmount(host.NydusApiSocket ?? string.Empty, r.Target), reply => then(reply switch
        {
            NativeFailed f => Fail(r, f.Error),
            NydusUnmounted u => Done(r, u.WasMounted ? UndoOutcome.Removed : UndoOutcome.AlreadyGone, 1),
            _ => throw Unexpected(reply),
        }));

    private static UndoResult Done(Resource r, UndoOutcome how, int attempts) => new(new ResourceUndone(r.Key, how, attempts, r.Target), null);

    private static UndoResult Fail(Resource r, NativeError error) => new(new UndoFailed(r.Key, error, r.Target), $"{r.Key} ({r.Target}): {error.Message}");

    private static UndoResult Refuse(Resource r) => new(new UndoRefused(r.Key, MaliciousGuest, r.Target), $"{r.Key} ({r.Target}): {MaliciousGuest}");

    private sealed record UndoResult(IResourceEvent Event, string? Error);
}
