using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>Lays out, tears down and recovers a sandbox's own directories and mounts.</summary>
internal static class SandboxSteps
{
    /// <summary><paramref name="then"/> gets null when the layout is in place, or the failure after rolling it back.</summary>
    public static void Create(ISandboxStepHost host, SandboxCreateRequested request, TeardownRetryPolicy policy, Action<StepFailure?> then) =>
        ResourceSteps.RunAll(
            host,
            SandboxLayoutPlan.Steps(host.Layout),
            (intents, next) => host.Persist([request, .. intents], next),
            (outcomes, created, next) => host.Persist(created ? [.. outcomes, new SandboxReady()] : outcomes, next),
            failure =>
            {
                if (failure is null)
                {
                    then(null);
                    return;
                }

                RollBack(host, failure.ToString(), policy, _ => then(failure));
            });

    public static void RollBack(ISandboxStepHost host, string reason, TeardownRetryPolicy policy, Action<IReadOnlyList<string>> then) =>
        host.Persist([new SandboxCreateFailed(reason)], () => DestroyLayout(host, "rollback of a failed create", policy, [], then));

    /// <summary>
    /// Undoes the layout (its containers must be gone already). Staging mounts under
    /// <c>private/</c> live only inside one native call, so any found there were left by a crash
    /// mid-call; they are detached first, before the directory that holds them is removed.
    /// </summary>
    public static void DestroyLayout(ISandboxStepHost host, string reason, TeardownRetryPolicy policy, IReadOnlyList<string> earlierErrors, Action<IReadOnlyList<string>> then)
    {
        IReadOnlyList<string> errors = [];
        void Undo() => SweepStaging(host, sweepErrors =>
            ResourceTeardown.UndoAll(
                host,
                policy,
                host.Persist,
                (outcomes, undoErrors, next) =>
                {
                    errors = [.. earlierErrors, .. sweepErrors, .. undoErrors];
                    host.Persist([.. outcomes, new SandboxDestroyed(errors)], next);
                },
                _ =>
                {
                    SandboxLog.Destroyed(host.Log, host.SandboxId, errors.Count);
                    then(errors);
                }));

        if (host.State.Lifecycle != SandboxLifecycle.Destroying)
        {
            host.Persist([new SandboxDestroyStarted(reason)], Undo);
        }
        else
        {
            Undo();
        }
    }

    /// <summary>Settles the layout's unresolved intents; the supervisor then finishes what was interrupted.</summary>
    public static void Reconcile(ISandboxStepHost host, Action then) => ResourceRecovery.Reconcile(host, host.Layout.Root, then);

    private static void SweepStaging(ISandboxStepHost host, Action<IReadOnlyList<string>> then)
    {
        if (host.Ledger.Find("private") is not { MayExist: true })
        {
            then([]);
            return;
        }

        host.Call(new SweepStaging(host.SafeRoot, host.Layout.Private), reply =>
        {
            if (reply is NativeFailed f)
            {
                then([$"private staging ({host.Layout.Private}): {f.Error.Message}"]);
                return;
            }

            var swept = (StagingSwept)reply;
            foreach (var staging in swept.Detached.Concat(swept.Removed).Distinct(StringComparer.Ordinal))
            {
                SandboxLog.StagingLeftover(host.Log, host.SandboxId, staging);
            }

            then([]);
        });
    }
}
