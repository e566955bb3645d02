using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// After a restart, before anything else: settle every create intent whose outcome was never
/// journaled by asking the kernel, record binds the kernel no longer has (a reboot empties /run),
/// and re-adopt loop devices that are still attached. Everything found is journaled in one write.
/// </summary>
internal static class ResourceRecovery
{
    public static void Reconcile(IStepHost host, string mountsUnder, Action then)
    {
        var candidates = host.Ledger.Resources.Where(r => r.Status is ResourceStatus.Intended or ResourceStatus.Active).ToList();
        var reconciled = new List<IResourceEvent>();
        IReadOnlySet<string>? mounted = null;

        void Next(int i)
        {
            if (i == candidates.Count)
            {
                if (reconciled.Count > 0)
                {
                    host.Persist(reconciled, then);
                }
                else
                {
                    then();
                }

                return;
            }

            var r = candidates[i];
            switch (r.Kind)
            {
                case ResourceKind.Bind when mounted is null:
                    host.Call(new ReadMounts(mountsUnder), reply =>
                    {
                        mounted = MountPoints(reply);
                        Next(i);
                    });
                    return;
                case ResourceKind.Bind:
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
                    host.Call(new FindLoop(r.Target), found =>
                    {
                        var device = found is LoopFound { Device: { } d } ? d : null;
                        if (r.Status == ResourceStatus.Intended || device is null)
                        {
                            reconciled.Add(new ResourceReconciled(r.Key, device is not null, device));
                            ResourceLog.Reconciled(host.Log, host.SandboxId, host.ContainerId ?? "-", r.Target, device is null ? "not attached" : "attached at " + device);
                        }

                        Next(i + 1);
                    });
                    return;
                case ResourceKind.Directory or ResourceKind.Nydus when r.Status == ResourceStatus.Intended:
                    // Removing a directory and unmounting a rafs instance are idempotent: treat
                    // "maybe" as "present" and let teardown find out.
                    reconciled.Add(new ResourceReconciled(r.Key, true));
                    break;
            }

            Next(i + 1);
        }

        Next(0);
    }

    private static HashSet<string> MountPoints(INativeReply reply) => reply switch
    {
        MountsRead read => read.MountPoints.ToHashSet(StringComparer.Ordinal),
        NativeFailed f => throw new InvalidOperationException($"cannot read the mount table to reconcile: {f.Error.Message}"),
        _ => throw ResourceTeardown.Unexpected(reply),
    };
}
