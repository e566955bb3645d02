using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// After a restart, before anything else: settle every create intent whose outcome was never
/// journaled by asking the kernel, record binds the kernel no longer has (a reboot empties /run),
/// and re-adopt loop devices that are still attached.
/// </summary>
internal static class ResourceRecovery
{
    public static async Task ReconcileAsync(IStepHost host, string mountsUnder)
    {
        IReadOnlySet<string>? mounted = null;
        var reconciled = new List<IResourceEvent>();
        foreach (var r in host.Ledger.Resources.Where(r => r.Status is ResourceStatus.Intended or ResourceStatus.Active))
        {
            switch (r.Kind)
            {
                case ResourceKind.Bind:
                    mounted ??= await ReadMountedAsync(host, mountsUnder);
                    var exists = mounted.Contains(r.Target);
                    if (r.Status == ResourceStatus.Intended || !exists)
                    {
                        reconciled.Add(new ResourceReconciled(r.Key, exists));
                        ResourceLog.Reconciled(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, exists ? "mounted" : "not mounted");
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
                        ResourceLog.Reconciled(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, device is null ? "not attached" : "attached at " + device);
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

    private static async Task<IReadOnlySet<string>> ReadMountedAsync(IStepHost host, string under)
    {
        var reply = await host.CallAsync(new ReadMounts(under));
        return reply switch
        {
            MountsRead read => read.MountPoints.ToHashSet(StringComparer.Ordinal),
            NativeFailed f => throw new InvalidOperationException($"cannot read the mount table to reconcile: {f.Error.Message}"),
            _ => throw ResourceTeardown.Unexpected(reply),
        };
    }
}
