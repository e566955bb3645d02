using Orchestrator.Actors.Containers;
using Orchestrator.Native.HostPaths;

namespace Orchestrator.Api.Contracts;

// The container bodies of the /v1 API, exactly as served (camelCase through ApiJson.Options).

/// <summary><c>POST /v1/sandboxes/{id}/containers</c>.</summary>
public sealed record CreateContainerRequest(
    string? Id,
    RootfsRequest? Rootfs,
    IReadOnlyList<MountRequest>? Mounts = null,
    IReadOnlyList<VolumeRequest>? Volumes = null);

/// <summary>The rootfs: a directory (<c>bind</c>), a device or image file (<c>block</c>), or a nydus bootstrap (<c>nydus</c>).</summary>
public sealed record RootfsRequest(
    RootfsKind? Type,
    string? Source,
    bool ReadOnly = false,
    string? FsType = null,
    string? SnapshotDir = null,
    string? DaemonConfig = null);

/// <summary>An OCI-style host mount.</summary>
public sealed record MountRequest(
    string? Source,
    string? Destination,
    string? Type = null,
    IReadOnlyList<string>? Options = null,
    bool ReadOnly = false,
    string? Propagation = null);

/// <summary>A direct-assigned block volume.</summary>
public sealed record VolumeRequest(
    string? Device,
    string? Destination,
    string? FsType,
    IReadOnlyList<string>? Options = null,
    bool ReadOnly = false,
    long? FsGroup = null,
    FsGroupChangePolicy? FsGroupChangePolicy = null);

/// <summary><c>POST /v1/sandboxes/{id}/containers/{cid}/paths</c>.</summary>
public sealed record AddPathRequest(string? HostPath, string? ContainerPath, bool ReadOnly = false);

/// <summary><c>GET /v1/sandboxes/{id}/containers/{cid}</c>; <see cref="Plan"/> is absent once the container holds nothing.</summary>
public sealed record ContainerResponse(
    string SandboxId,
    string Id,
    ContainerLifecycle Lifecycle,
    string? Reason,
    IReadOnlyList<string> TeardownErrors,
    ContainerPlanResponse? Plan);

/// <summary>
/// The guest plan (201 of a container POST): the shared paths, the block devices to hot-plug, and the
/// compiled guest mounts both as an OCI <c>mounts</c> array and as systemd units.
/// </summary>
public sealed record ContainerPlanResponse(
    string SandboxId,
    string ContainerId,
    ContainerLifecycle Lifecycle,
    RootfsPlanResponse Rootfs,
    IReadOnlyList<SharedPathResponse> SharedPaths,
    IReadOnlyList<BlockDeviceResponse> BlockDevices,
    IReadOnlyList<OciMountResponse> OciMounts,
    IReadOnlyList<SystemdUnitResponse> SystemdUnits);

public sealed record RootfsPlanResponse(
    RootfsKind Type,
    bool ReadOnly,
    string? HostPath,
    string? GuestPath,
    string? BlockDevice,
    string? RafsGuestPath,
    string? SnapshotDirGuestPath);

/// <summary>A host path in the shared directory (also the 201 body of a path POST).</summary>
public sealed record SharedPathResponse(
    string ContainerPath,
    string HostPath,
    string SharedPath,
    string GuestPath,
    bool ReadOnly,
    bool Watchable,
    bool HotAdded);

public sealed record BlockDeviceResponse(
    int Index,
    string HostDevice,
    string GuestAddress,
    string? ContainerPath,
    string? FsType,
    bool ReadOnly,
    long? FsGroup,
    FsGroupChangePolicy? FsGroupChangePolicy);

/// <summary>One entry of an OCI runtime spec's <c>mounts</c>.</summary>
public sealed record OciMountResponse(string Destination, string Type, string Source, IReadOnlyList<string> Options);

/// <summary>A systemd unit for the guest: file name and contents.</summary>
public sealed record SystemdUnitResponse(string Name, string Text);
