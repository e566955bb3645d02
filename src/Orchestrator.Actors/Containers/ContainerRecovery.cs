using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// After a restart, before anything else: settle every intent whose outcome was never journaled
/// by asking the kernel, record binds the kernel no longer has (a reboot empties /run), re-adopt
/// loop devices still attached, then finish what the crash interrupted: a create is rolled back,
/// a teardown resumes.
/// </summary>
internal static class ContainerRecovery
{
    public static async Task RunAsync(IStepHost host, TeardownRetryPolicy policy)
    {
        await ReconcileAsync(host);
        switch (host.State.Lifecycle)
        {
            case ContainerLifecycle.Creating:
                ContainerLog.InterruptedCreate(host.Log, host.ContainerId);
                await ContainerCreation.RollBackAsync(host, "create interrupted by a restart", policy);
                break;
            case ContainerLifecycle.TearingDown:
                ContainerLog.ResumingTeardown(host.Log, host.ContainerId);
                await ContainerTeardown.RunAsync(host, host.State.Reason ?? "destroy", policy);
                break;
        }
    }

    private static async Task ReconcileAsync(IStepHost host)
    {
        IReadOnlySet<string>? mounted = null;
        var reconciled = new List<IContainerEvent>();
        foreach (var r in host.State.Resources.Where(r => r.Status is ResourceStatus.Intended or ResourceStatus.Active))
        {
            switch (r.Kind)
            {
                case ResourceKind.Bind:
                    mounted ??= await ReadMountedAsync(host);
                    var exists = mounted.Contains(r.Target);
                    if (r.Status == ResourceStatus.Intended || !exists)
                    {
                        reconciled.Add(new ResourceReconciled(r.Key, exists));
                        ContainerLog.Reconciled(host.Log, host.ContainerId, r.Target, exists ? "mounted" : "not mounted");
                    }

                    break;
                case ResourceKind.Loop:
                    // Asking also makes the native actor hold the device open again, so autoclear
                    // does not detach it under a running container.
                    var found = await host.CallAsync(new FindLoop(r.Target));
                    var device = found is LoopFound { Device: { } d } ? d : null;
                    if (r.Status == ResourceStatus.Intended || device is null)
                    {
                        reconciled.Add(new ResourceReconciled(r.Key, device is not null, device));
                        ContainerLog.Reconciled(host.Log, host.ContainerId, r.Target, device is null ? "not attached" : "attached at " + device);
                    }

                    break;
                case ResourceKind.Directory or ResourceKind.Nydus when r.Status == ResourceStatus.Intended:
                    // Removing a directory and unmounting a rafs instance are idempotent: treat
                    // "maybe" as "present" and let teardown find out.
                    reconciled.Add(new ResourceReconciled(r.Key, true));
                    break;
            }
        }

        if (reconciled.Count > 0)
        {
            await host.PersistAllAsync(reconciled);
        }
    }

    private static async Task<IReadOnlySet<string>> ReadMountedAsync(IStepHost host)
    {
        var reply = await host.CallAsync(new ReadMounts(host.Layout.Mounts));
        return reply switch
        {
            MountsRead read => read.MountPoints.ToHashSet(StringComparer.Ordinal),
            NativeFailed f => throw new InvalidOperationException($"cannot read the mount table to reconcile: {f.Error.Message}"),
            _ => throw ContainerTeardown.Unexpected(reply),
        };
    }
}
