using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.Devices;

namespace Orchestrator.Actors.Plans;

/// <summary>Derives a container's plan from its journaled state; nothing in a plan is stored twice.</summary>
public static class ContainerPlanner
{
    /// <summary>Where the guest sees nydusd's own filesystem (rafs instances live below it).</summary>
    public const string GuestNydusRoot = "/run/kata-containers/shared";

    public static ContainerPlan From(ContainerState state, SandboxLayout layout, BlockDriver driver)
    {
        ArgumentNullException.ThrowIfNull(state);
        var spec = state.Spec ?? throw new InvalidOperationException("a container without a spec has no plan");
        var id = spec.Id;
        var active = state.Resources.Where(r => r.Status == ResourceStatus.Active).ToList();
        var shared = active
            .Where(r => r.Kind == ResourceKind.Bind && r.Role is ResourceRole.HostMount or ResourceRole.HotPath && r.ContainerPath is not null)
            .Select(r => new SharedPathPlan(r.ContainerPath!, r.Source ?? string.Empty, layout.SharedView(r.Target), layout.GuestPath(r.Target), r.ReadOnly,
                Watchable(state, r), r.Role == ResourceRole.HotPath))
            .ToList();

        var blocks = BlockDevices(state, spec, driver);
        var mounts = new List<GuestMount>();
        for (var i = 0; i < spec.Mounts.Count; i++)
        {
            var m = spec.Mounts[i];
            var destination = GuestMountList.Normalize(m.Destination);
            if (!state.HostMounts.TryGetValue(i, out var classified))
            {
                continue;
            }

            switch (classified.Disposition)
            {
                case HostMountDisposition.Shared when shared.FirstOrDefault(s => s.ContainerPath == destination && !s.HotAdded) is { } s:
                    mounts.Add(GuestMount.Bind(destination, s.GuestPath, s.ReadOnly));
                    break;
                case HostMountDisposition.GuestTmpfs:
                    mounts.Add(new GuestMount(destination, "tmpfs", "tmpfs", m.Options is { Count: > 0 } o ? o : ["nosuid", "nodev"]));
                    break;
                case HostMountDisposition.DevicePassthrough:
                    mounts.Add(new GuestMount(destination, "bind", classified.ResolvedSource, m.ReadOnly ? ["rbind", "ro"] : ["rbind", "rw"]));
                    break;
            }
        }

        mounts.AddRange(shared.Where(s => s.HotAdded).Select(s => GuestMount.Bind(s.ContainerPath, s.GuestPath, s.ReadOnly)));
        mounts.AddRange(blocks.Where(b => b.ContainerPath is not null && b.ContainerPath != "/")
            .Select(b => new GuestMount(b.ContainerPath!, b.FsType ?? "ext4", b.GuestAddress, b.ReadOnly ? ["ro"] : ["rw"])));

        return new ContainerPlan(state.SandboxId ?? layout.SandboxId, id, state.Lifecycle, Rootfs(state, spec, layout, blocks), shared, blocks, GuestMountList.Compile(mounts));
    }

    /// <summary>The guest's name for block index <paramref name="index"/>: <c>/dev/vdX</c> or a SCSI address.</summary>
    public static string GuestAddress(BlockDriver driver, int index) => driver switch
    {
        BlockDriver.VirtioBlk => "/dev/" + DriveNames.VirtioBlk(index),
        BlockDriver.VirtioScsi => DriveNames.ScsiAddress(index),
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "unknown block driver"),
    };

    private static bool Watchable(ContainerState state, Resource r) =>
        r.Role == ResourceRole.HostMount && state.HostMounts.Values.Any(h => h.Watchable && h.ResolvedSource == r.Source);

    private static List<BlockDevicePlan> BlockDevices(ContainerState state, ContainerSpec spec, BlockDriver driver)
    {
        var blocks = new List<BlockDevicePlan>();
        var next = 0;
        if (spec.Rootfs.Type == RootfsKind.Block)
        {
            var index = state.BlockIndexes[next++];
            var device = state.Find("rootfs")?.Device ?? spec.Rootfs.Source;
            blocks.Add(new BlockDevicePlan(index, device, GuestAddress(driver, index), "/", spec.Rootfs.FsType, spec.Rootfs.ReadOnly, null, null));
        }

        foreach (var v in spec.Volumes)
        {
            var index = state.BlockIndexes[next++];
            var destination = GuestMountList.Normalize(v.Destination);
            var device = state.Find($"volume:{destination}")?.Device ?? v.Device;
            blocks.Add(new BlockDevicePlan(index, device, GuestAddress(driver, index), destination, v.FsType, v.ReadOnly, v.FsGroup, v.FsGroupChangePolicy));
        }

        return blocks;
    }

    private static RootfsPlan Rootfs(ContainerState state, ContainerSpec spec, SandboxLayout layout, List<BlockDevicePlan> blocks)
    {
        var id = spec.Id;
        return spec.Rootfs.Type switch
        {
            RootfsKind.Bind => new RootfsPlan(RootfsKind.Bind, spec.Rootfs.ReadOnly, layout.Rootfs(id), layout.GuestPath(layout.Rootfs(id))),
            RootfsKind.Block => new RootfsPlan(RootfsKind.Block, spec.Rootfs.ReadOnly, state.Find("rootfs")?.Device ?? spec.Rootfs.Source, BlockDevice: blocks[0].GuestAddress),
            RootfsKind.Nydus => new RootfsPlan(RootfsKind.Nydus, true, layout.Rootfs(id), layout.GuestPath(layout.Rootfs(id)),
                RafsGuestPath: GuestNydusRoot + Orchestrator.Native.Nydus.NydusClient.RafsMountPoint(id),
                SnapshotDirGuestPath: layout.GuestPath(layout.SnapshotDir(id))),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Rootfs.Type, "unknown rootfs type"),
        };
    }
}
