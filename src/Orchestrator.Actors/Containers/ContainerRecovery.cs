using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// After a restart, before anything else: reconcile the ledger with the kernel, then finish what
/// the crash interrupted: a create is rolled back, a teardown resumes.
/// </summary>
internal static class ContainerRecovery
{
    public static async Task RunAsync(IContainerStepHost host, TeardownRetryPolicy policy)
    {
        await ResourceRecovery.ReconcileAsync(host, host.Layout.Mounts);
        switch (host.State.Lifecycle)
        {
            case ContainerLifecycle.Creating:
                ContainerLog.InterruptedCreate(host.Log, host.SandboxId, host.ContainerId);
                await ContainerCreation.RollBackAsync(host, "create interrupted by a restart", policy);
                break;
            case ContainerLifecycle.TearingDown:
                ContainerLog.ResumingTeardown(host.Log, host.SandboxId, host.ContainerId);
                await ContainerTeardown.RunAsync(host, host.State.Reason ?? "destroy", policy);
                break;
        }
    }
}
