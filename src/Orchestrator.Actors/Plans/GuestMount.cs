namespace Orchestrator.Actors.Plans;

/// <summary>
/// One mount as the guest performs it, in OCI terms: <see cref="Destination"/> inside the
/// container's root, <see cref="Source"/> already rewritten to a guest path (or a pseudo source
/// such as <c>proc</c>), and the mount options.
/// </summary>
public sealed record GuestMount(string Destination, string Type, string Source, IReadOnlyList<string> Options)
{
    public bool IsBind => Type == "bind" || Options.Contains("bind") || Options.Contains("rbind");

    public bool IsReadOnly => Options.Contains("ro");

    /// <summary>A bind the guest must remount read-only: the kernel ignores <c>ro</c> on the bind itself.</summary>
    public bool NeedsReadOnlyRemount => IsBind && IsReadOnly;

    public static GuestMount Bind(string destination, string guestSource, bool readOnly) =>
        new(destination, "bind", guestSource, readOnly ? ["rbind", "ro"] : ["rbind", "rw"]);
}
