using System.Text.Json;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Api;

/// <summary>Between the API's wire records and the actor tree's messages.</summary>
internal static class ContractMapping
{
    public static SharedFs ToSharedFs(SharedFsKind kind) => kind == SharedFsKind.NineP ? SharedFs.NineP : SharedFs.VirtioFs;

    public static BlockDriver ToBlockDriver(BlockDriverKind kind) => kind == BlockDriverKind.VirtioScsi ? BlockDriver.VirtioScsi : BlockDriver.VirtioBlk;

    public static SandboxResponse ToResponse(SandboxInfo info) => new(
        info.SandboxId,
        info.Lifecycle,
        info.SharedFs == SharedFs.NineP ? SharedFsKind.NineP : SharedFsKind.VirtioFs,
        info.BlockDriver == BlockDriver.VirtioScsi ? BlockDriverKind.VirtioScsi : BlockDriverKind.VirtioBlk,
        info.MountsDir,
        info.SharedDir,
        info.Reason,
        [.. info.Containers.Select(c => new ContainerSummaryResponse(c.ContainerId, c.Lifecycle))],
        info.TeardownErrors);

    public static TeardownReportResponse ToResponse(TeardownReport report) => new(report.Id, report.Clean, report.Errors);

    public static ContainerResponse ToResponse(ContainerInfo info) =>
        new(info.SandboxId, info.ContainerId, info.Lifecycle, info.Reason, info.TeardownErrors, info.Plan is null ? null : ToResponse(info.Plan));

    public static SharedPathResponse ToResponse(SharedPathPlan p) =>
        new(p.ContainerPath, p.HostPath, p.SharedPath, p.GuestPath, p.ReadOnly, p.Watchable, p.HotAdded);

    public static ContainerPlanResponse ToResponse(ContainerPlan plan)
    {
        var r = plan.Rootfs;
        // The guest mounts the container's mounts below its rootfs and starts the app after them.
        var guestRoot = r.GuestPath ?? $"/run/kata-containers/{plan.ContainerId}/rootfs";
        var units = SystemdUnits.Render(plan.GuestMounts, guestRoot, $"container-{plan.ContainerId}.service");
        var oci = OciMounts.ToJson(plan.GuestMounts).Deserialize<List<OciMountResponse>>(ApiJson.Options) ?? [];
        return new ContainerPlanResponse(
            plan.SandboxId,
            plan.ContainerId,
            plan.Lifecycle,
            new RootfsPlanResponse(r.Type, r.ReadOnly, r.HostPath, r.GuestPath, r.BlockDevice, r.RafsGuestPath, r.SnapshotDirGuestPath),
            [.. plan.SharedPaths.Select(ToResponse)],
            [.. plan.BlockDevices.Select(b => new BlockDeviceResponse(b.Index, b.HostDevice, b.GuestAddress, b.ContainerPath, b.FsType, b.ReadOnly, b.FsGroup, b.FsGroupChangePolicy))],
            oci,
            [.. units.Select(u => new SystemdUnitResponse(u.Name, u.Text))]);
    }

    /// <summary>The spec of a container request, or every missing required field.</summary>
    public static (ContainerSpec? Spec, IReadOnlyList<Actors.Validation.ValidationProblem> Problems) ToSpec(CreateContainerRequest request)
    {
        var problems = new List<Actors.Validation.ValidationProblem>();
        void Require(object? value, string field)
        {
            if (value is null || value is string { Length: 0 })
            {
                problems.Add(new(field, "required"));
            }
        }

        Require(request.Id, "id");
        Require(request.Rootfs, "rootfs");
        if (request.Rootfs is { } rootfs)
        {
            Require(rootfs.Type, "rootfs.type");
            Require(rootfs.Source, "rootfs.source");
        }

        var mounts = request.Mounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            Require(mounts[i], $"mounts[{i}]");
            Require(mounts[i]?.Source, $"mounts[{i}].source");
            Require(mounts[i]?.Destination, $"mounts[{i}].destination");
        }

        var volumes = request.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            Require(volumes[i], $"volumes[{i}]");
            Require(volumes[i]?.Device, $"volumes[{i}].device");
            Require(volumes[i]?.Destination, $"volumes[{i}].destination");
            Require(volumes[i]?.FsType, $"volumes[{i}].fsType");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var rf = request.Rootfs!;
        var spec = new ContainerSpec(
            request.Id!,
            new RootfsSpec(rf.Type!.Value, rf.Source!, rf.ReadOnly, rf.FsType, rf.SnapshotDir, rf.DaemonConfig),
            [.. mounts.Select(m => new MountSpec(m!.Source!, m.Destination!, m.Type ?? "bind", m.Options, m.ReadOnly, m.Propagation))],
            [.. volumes.Select(v => new VolumeSpec(v!.Device!, v.Destination!, v.FsType!, v.Options, v.ReadOnly, v.FsGroup, v.FsGroupChangePolicy))]);
        return (spec, problems);
    }
}
