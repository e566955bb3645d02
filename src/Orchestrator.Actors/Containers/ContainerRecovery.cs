using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// After a restart, before anything else: reconcile the ledger with the kernel, then finish what
/// the crash interrupted: a create is rolled back, a teardown resumes.
/// </summary>
internal static class ContainerRecovery
{
    public static void Run(IContainerStepHost host, TeardownRetryPolicy policy, Action then) =>
        ResourceRecovery.Reconcile(host, host.Layout.Mounts, () =>
        {
            switch (host.State.Lifecycle)
            {
                case ContainerLifecycle.Creating:
                    ContainerLog.InterruptedCreate(host.Log, host.SandboxId, host.ContainerId);
                    ContainerCreation.RollBack(host, "create interrupted by a restart", policy, _ => then());
                    break;
                case ContainerLifecycle.TearingDown:
                    ContainerLog.ResumingTeardown(host.Log, host.SandboxId, host.ContainerId);
                    ContainerTeardown.Run(host, host.State.Reason ?? "destroy", policy, _ => then());
                    break;
                default:
                    then();
                    break;
            }
        });
}
