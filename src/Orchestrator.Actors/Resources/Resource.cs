namespace Orchestrator.Actors.Resources;

/// <summary>
/// One host-side resource a sandbox or container owns, keyed by a stable <see cref="Key"/>. For binds
/// <see cref="Target"/> is the mount point under <c>mounts/</c>; for loop devices it is the image
/// file and <see cref="Device"/> the attached device; for nydus it is the rafs mount point.
/// </summary>
public sealed record Resource(
    string Key,
    ResourceKind Kind,
    ResourceRole Role,
    string Target,
    string? Source,
    bool ReadOnly,
    ResourceStatus Status,
    string? Device = null,
    string? ContainerPath = null,
    int? BlockIndex = null)
{
    /// <summary>True when the resource may be in place (mounted, attached): undo must call the kernel.</summary>
    public bool MayExist => Status is ResourceStatus.Intended or ResourceStatus.Active or ResourceStatus.Undoing;

    /// <summary>
    /// True when teardown has work here. A failed bind or directory still needs its mount point
    /// removed: the call may have created it before failing, or a crash may have come between.
    /// </summary>
    public bool NeedsUndo => MayExist || (Status == ResourceStatus.Failed && Kind is ResourceKind.Bind or ResourceKind.Directory);
}
