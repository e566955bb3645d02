using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Containers;

/// <summary>A container's teardown: every resource undone in reverse, bracketed by journaled start and end.</summary>
internal static class ContainerTeardown
{
    public static void Run(IContainerStepHost host, string reason, TeardownRetryPolicy policy, Action<IReadOnlyList<string>> then) =>
        ResourceTeardown.UndoAll(
            host,
            policy,
            (intents, next) => host.Persist([new TeardownStarted(reason), .. intents], next),
            (outcomes, errors, next) => host.Persist([.. outcomes, new TeardownCompleted(errors)], next),
            errors =>
            {
                ContainerLog.TornDown(host.Log, host.SandboxId, host.ContainerId, host.State.Reason ?? reason, errors.Count);
                then(errors);
            });
}
