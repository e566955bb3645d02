using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// Runs a create: inspect the sources, refuse bad input before anything is journaled or mounted,
/// then for every step journal the intent, make the call, journal the outcome. A failed step is
/// rolled back at once with the teardown code, not left for a destroy that may never come.
/// </summary>
internal static class ContainerCreation
{
    public static async Task<CreateOutcome> RunAsync(IContainerStepHost host, ContainerSpec spec, IReadOnlyList<int> blockIndexes, TeardownRetryPolicy policy)
    {
        var reply = await host.CallAsync(new InspectHostPaths(CreatePlan.SourcesToInspect(spec)));
        if (reply is NativeFailed failed)
        {
            throw new SpecValidationException("mounts", $"could not inspect the sources: {failed.Error.Message}");
        }

        var facts = ((HostPathsInspected)reply).Paths;
        var (mounts, problems) = CreatePlan.Classify(spec, facts);
        if (problems.Count > 0)
        {
            throw new SpecValidationException(problems);
        }

        var steps = CreatePlan.Steps(host.ContainerId, spec, host.Layout, mounts, facts, blockIndexes, host.NydusApiSocket);
        await host.PersistAllAsync([new ContainerCreateRequested(host.Layout.SandboxId, spec, blockIndexes), .. mounts]);
        foreach (var step in steps)
        {
            if (await ResourceSteps.RunAsync(host, step) is { } failure)
            {
                var errors = await RollBackAsync(host, failure.ToString(), policy);
                return new CreateOutcome(failure, errors);
            }
        }

        await host.PersistAsync(new ContainerCreated());
        return CreateOutcome.Done;
    }

    /// <summary>Journals the failure, then undoes whatever the create had done; returns what it could not undo.</summary>
    public static async Task<IReadOnlyList<string>> RollBackAsync(IContainerStepHost host, string reason, TeardownRetryPolicy policy)
    {
        ContainerLog.CreateFailed(host.Log, host.SandboxId, host.ContainerId, reason);
        await host.PersistAsync(new ContainerCreateFailed(reason));
        return await ContainerTeardown.RunAsync(host, "rollback of a failed create", policy);
    }
}
