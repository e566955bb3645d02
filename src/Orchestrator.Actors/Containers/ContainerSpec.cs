using Orchestrator.Native.HostPaths;

namespace Orchestrator.Actors.Containers;

/// <summary>What a VM manager asks for when it adds a container to a sandbox.</summary>
public sealed record ContainerSpec(
    string Id,
    RootfsSpec Rootfs,
    IReadOnlyList<MountSpec> Mounts,
    IReadOnlyList<VolumeSpec> Volumes);

/// <summary>
/// The container's root filesystem. <see cref="Source"/> is a directory (bind), a block device
/// or image file (block), or a nydus bootstrap (nydus, with <see cref="SnapshotDir"/> holding the
/// upper/work dirs and <see cref="DaemonConfig"/> the nydusd configuration JSON).
/// </summary>
public sealed record RootfsSpec(
    RootfsKind Type,
    string Source,
    bool ReadOnly = false,
    string? FsType = null,
    string? SnapshotDir = null,
    string? DaemonConfig = null);

/// <summary>An OCI-style host mount (a volume): bound, passed through, or made guest-local by classification.</summary>
public sealed record MountSpec(
    string Source,
    string Destination,
    string Type = "bind",
    IReadOnlyList<string>? Options = null,
    bool ReadOnly = false,
    string? Propagation = null);

/// <summary>A direct-assigned block volume, as a CSI driver describes it in <c>mountInfo.json</c>.</summary>
public sealed record VolumeSpec(
    string Device,
    string Destination,
    string FsType,
    IReadOnlyList<string>? Options = null,
    bool ReadOnly = false,
    long? FsGroup = null,
    FsGroupChangePolicy? FsGroupChangePolicy = null);
