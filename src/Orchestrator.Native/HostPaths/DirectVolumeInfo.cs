namespace Orchestrator.Native.HostPaths;

/// <summary>A direct-assigned volume's <c>mountInfo.json</c>, validated.</summary>
/// <param name="VolumeType">The volume type (<c>block</c>, …).</param>
/// <param name="Device">The host device or image to attach.</param>
/// <param name="FsType">The filesystem the guest mounts.</param>
/// <param name="Metadata">Free-form string metadata.</param>
/// <param name="Options">Mount options for the guest.</param>
/// <param name="FsGroup">The fsGroup from metadata, if any.</param>
/// <param name="FsGroupChangePolicy">The fsGroupChangePolicy from metadata, if any.</param>
public sealed record DirectVolumeInfo(
    string VolumeType,
    string Device,
    string FsType,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Options,
    uint? FsGroup,
    FsGroupChangePolicy? FsGroupChangePolicy);
