namespace Orchestrator.Native.MountTables;

/// <summary>One line of /proc/[pid]/mountinfo (proc(5)), with escapes decoded.</summary>
/// <param name="MountId">(1) unique id of the mount (may be reused after umount).</param>
/// <param name="ParentId">(2) id of the parent mount (itself for the root of the namespace).</param>
/// <param name="Major">(3) st_dev major of files on this filesystem.</param>
/// <param name="Minor">(3) st_dev minor.</param>
/// <param name="Root">(4) the path of the directory in the filesystem that forms the root of this mount.</param>
/// <param name="MountPoint">(5) the mount point, relative to the process's root.</param>
/// <param name="Options">(6) per-mount options (<c>rw</c>, <c>nosuid</c>, <c>relatime</c>, …).</param>
/// <param name="OptionalFields">(7) zero or more <c>tag[:value]</c> fields (<c>shared:1</c>, <c>master:2</c>, …).</param>
/// <param name="FsType">(9) filesystem type, <c>type[.subtype]</c>.</param>
/// <param name="Source">(10) filesystem-specific source, or <c>none</c>.</param>
/// <param name="SuperOptions">(11) per-superblock options.</param>
public sealed record MountInfoEntry(
    int MountId,
    int ParentId,
    uint Major,
    uint Minor,
    string Root,
    string MountPoint,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> OptionalFields,
    string FsType,
    string Source,
    IReadOnlyList<string> SuperOptions)
{
    /// <summary>The peer group of a shared mount (<c>shared:N</c>), or null.</summary>
    public int? SharedPeerGroup => OptionalInt("shared");

    /// <summary>The peer group this mount is a slave of (<c>master:N</c>), or null.</summary>
    public int? MasterPeerGroup => OptionalInt("master");

    /// <summary>The nearest dominant peer group a slave receives from (<c>propagate_from:N</c>), or null.</summary>
    public int? PropagateFrom => OptionalInt("propagate_from");

    /// <summary>True for an unbindable mount.</summary>
    public bool IsUnbindable => OptionalFields.Contains("unbindable");

    /// <summary>True when field (6) lists <c>ro</c>.</summary>
    public bool IsReadOnly => HasOption("ro");

    /// <summary>True when field (6) contains <paramref name="option"/> exactly.</summary>
    public bool HasOption(string option) => Options.Contains(option);

    /// <summary>True when field (11) contains <paramref name="option"/> exactly (<c>size=1024k</c>).</summary>
    public bool HasSuperOption(string option) => SuperOptions.Contains(option);

    private int? OptionalInt(string tag)
    {
        var prefix = tag + ":";
        foreach (var field in OptionalFields)
        {
            if (field.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(field.AsSpan(prefix.Length), out var value))
            {
                return value;
            }
        }

        return null;
    }
}
