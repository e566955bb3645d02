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
    /// <summary>
    /// True when the resource may be in place (mounted, attached): undo must call the kernel. A
    /// refused undo left it in place, so it stays to be undone: a later teardown, once the planted
    /// symlink is gone, must really unmount it rather than call it clean.
    /// </summary>
    public bool MayExist => Status is ResourceStatus.Intended or ResourceStatus.Active or ResourceStatus.Undoing or ResourceStatus.Refused;

    /// <summary>
    /// True when teardown has work here. A failed bind still needs its mount point removed: the
    /// bind creates its target before it mounts, or recovery found the intent never took effect.
    /// A failed directory creation made nothing, so there is nothing of ours to remove: whatever
    /// stands at that path (a file planted there, say) is not touched.
    /// </summary>
    public bool NeedsUndo => MayExist || (Status == ResourceStatus.Failed && Kind == ResourceKind.Bind);
}
