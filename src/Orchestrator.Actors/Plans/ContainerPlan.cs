using Orchestrator.Native.HostPaths;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Plans;

/// <summary>
/// What the VM manager hands to the guest for one container: where its rootfs is, which host paths
/// are shared (and where the guest sees them), which block devices to hot-plug with their guest
/// names, and the compiled guest mount list.
/// </summary>
public sealed record ContainerPlan(
    string SandboxId,
    string ContainerId,
    ContainerLifecycle Lifecycle,
    RootfsPlan Rootfs,
    IReadOnlyList<SharedPathPlan> SharedPaths,
    IReadOnlyList<BlockDevicePlan> BlockDevices,
    IReadOnlyList<GuestMount> GuestMounts);

/// <summary>The rootfs as the guest reaches it: a shared path, a block device, or a rafs instance plus snapshot dir.</summary>
public sealed record RootfsPlan(
    RootfsKind Type,
    bool ReadOnly,
    string? HostPath = null,
    string? GuestPath = null,
    string? BlockDevice = null,
    string? RafsGuestPath = null,
    string? SnapshotDirGuestPath = null);

/// <summary>A host path bound into the shared directory: where it sits on the host, under <c>shared/</c>, and in the guest.</summary>
public sealed record SharedPathPlan(
    string ContainerPath,
    string HostPath,
    string SharedPath,
    string GuestPath,
    bool ReadOnly,
    bool Watchable,
    bool HotAdded);

/// <summary>A block device to hot-plug: the sandbox-wide index and the name or address the guest will see.</summary>
public sealed record BlockDevicePlan(
    int Index,
    string HostDevice,
    string GuestAddress,
    string? ContainerPath,
    string? FsType,
    bool ReadOnly,
    long? FsGroup,
    FsGroupChangePolicy? FsGroupChangePolicy);
