using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// Runs a create: inspect the sources, refuse bad input before anything is journaled or mounted,
/// then journal every step's intent, make the calls, journal their outcomes. A failed step is
/// rolled back at once with the teardown code, not left for a destroy that may never come.
/// Bad input is thrown as <see cref="SpecValidationException"/> before the first write.
/// </summary>
internal static class ContainerCreation
{
    public static void Run(IContainerStepHost host, ContainerSpec spec, IReadOnlyList<InspectedPath>? inspected, IReadOnlyList<int> blockIndexes, TeardownRetryPolicy policy, Action<CreateOutcome> then)
    {
        if (inspected is not null)
        {
            Plan(host, spec, inspected, blockIndexes, policy, then);
            return;
        }

        host.Call(new InspectHostPaths(CreatePlan.SourcesToInspect(spec)), reply =>
        {
            if (reply is NativeFailed failed)
            {
                throw new SpecValidationException("mounts", $"could not inspect the sources: {failed.Error.Message}");
            }

            Plan(host, spec, ((HostPathsInspected)reply).Paths, blockIndexes, policy, then);
        });
    }

    private static void Plan(IContainerStepHost host, ContainerSpec spec, IReadOnlyList<InspectedPath> facts, IReadOnlyList<int> blockIndexes, TeardownRetryPolicy policy, Action<CreateOutcome> then)
    {
        var (mounts, problems) = CreatePlan.Classify(spec, facts);
        if (problems.Count > 0)
        {
            throw new SpecValidationException(problems);
        }

        var steps = CreatePlan.Steps(host.ContainerId, spec, host.Layout, mounts, facts, blockIndexes, host.NydusApiSocket);

        // The request, every classification and every step's intent are one write before the
        // first call; the outcomes and the verdict are one write before the answer.
        ResourceSteps.RunAll(
            host,
            steps,
            (intents, next) => host.Persist([new ContainerCreateRequested(host.Layout.SandboxId, spec, blockIndexes), .. mounts, .. intents], next),
            (outcomes, created, next) => host.Persist(created ? [.. outcomes, new ContainerCreated()] : outcomes, next),
            failure =>
            {
                if (failure is null)
                {
                    then(CreateOutcome.Done);
                    return;
                }

                RollBack(host, failure.ToString(), policy, errors => then(new CreateOutcome(failure, errors)));
            });
    }

    /// <summary>Journals the failure, then undoes whatever the create had done; <paramref name="then"/> gets what it could not undo.</summary>
    public static void RollBack(IContainerStepHost host, string reason, TeardownRetryPolicy policy, Action<IReadOnlyList<string>> then)
    {
        ContainerLog.CreateFailed(host.Log, host.SandboxId, host.ContainerId, reason);
        host.Persist([new ContainerCreateFailed(reason)], () => ContainerTeardown.Run(host, "rollback of a failed create", policy, then));
    }
}
