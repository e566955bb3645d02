using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Containers;

/// <summary>A container's teardown: every resource undone in reverse, bracketed by journaled start and end.</summary>
internal static class ContainerTeardown
{
    public static async Task<IReadOnlyList<string>> RunAsync(IContainerStepHost host, string reason, TeardownRetryPolicy policy)
    {
        await host.PersistAsync(new TeardownStarted(reason));
        var errors = await ResourceTeardown.UndoAllAsync(host, policy);
        await host.PersistAsync(new TeardownCompleted(errors));
        ContainerLog.TornDown(host.Log, host.SandboxId, host.ContainerId, host.State.Reason ?? reason, errors.Count);
        return errors;
    }
}
