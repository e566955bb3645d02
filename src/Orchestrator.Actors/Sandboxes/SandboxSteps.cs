using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>Lays out, tears down and recovers a sandbox's own directories and mounts.</summary>
internal static class SandboxSteps
{
    /// <summary>Returns null when the layout is in place, or the failure after rolling it back.</summary>
    public static async Task<StepFailure?> CreateAsync(ISandboxStepHost host, SandboxCreateRequested request, TeardownRetryPolicy policy)
    {
        await host.PersistAsync(request);
        foreach (var step in SandboxLayoutPlan.Steps(host.Layout))
        {
            if (await ResourceSteps.RunAsync(host, step) is { } failure)
            {
                await RollBackAsync(host, failure.ToString(), policy);
                return failure;
            }
        }

        await host.PersistAsync(new SandboxReady());
        return null;
    }

    public static async Task<IReadOnlyList<string>> RollBackAsync(ISandboxStepHost host, string reason, TeardownRetryPolicy policy)
    {
        await host.PersistAsync(new SandboxCreateFailed(reason));
        return await DestroyLayoutAsync(host, "rollback of a failed create", policy);
    }

    /// <summary>
    /// Undoes the layout (its containers must be gone already). Staging mounts under
    /// <c>private/</c> live only inside one native call, so any found there were left by a crash
    /// mid-call; they are detached first, before the directory that holds them is removed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DestroyLayoutAsync(ISandboxStepHost host, string reason, TeardownRetryPolicy policy, IReadOnlyList<string>? earlierErrors = null)
    {
        if (host.State.Lifecycle != SandboxLifecycle.Destroying)
        {
            await host.PersistAsync(new SandboxDestroyStarted(reason));
        }

        var errors = new List<string>(earlierErrors ?? []);
        errors.AddRange(await SweepStagingAsync(host));
        errors.AddRange(await ResourceTeardown.UndoAllAsync(host, policy));
        await host.PersistAsync(new SandboxDestroyed(errors));
        SandboxLog.Destroyed(host.Log, host.SandboxId, errors.Count);
        return errors;
    }

    /// <summary>Settles the layout's unresolved intents; the supervisor then finishes what was interrupted.</summary>
    public static Task ReconcileAsync(ISandboxStepHost host) => ResourceRecovery.ReconcileAsync(host, host.Layout.Root);

    private static async Task<IReadOnlyList<string>> SweepStagingAsync(ISandboxStepHost host)
    {
        if (host.Ledger.Find("private") is not { MayExist: true })
        {
            return [];
        }

        var reply = await host.CallAsync(new SweepStaging(host.SafeRoot, host.Layout.Private));
        if (reply is NativeFailed f)
        {
            return [$"private staging ({host.Layout.Private}): {f.Error.Message}"];
        }

        var swept = (StagingSwept)reply;
        foreach (var staging in swept.Detached.Concat(swept.Removed).Distinct(StringComparer.Ordinal))
        {
            SandboxLog.StagingLeftover(host.Log, host.SandboxId, staging);
        }

        return [];
    }
}
