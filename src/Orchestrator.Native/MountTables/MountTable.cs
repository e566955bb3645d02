using Orchestrator.Native.Paths;

namespace Orchestrator.Native.MountTables;

/// <summary>
/// A snapshot of one mount namespace's table, in the kernel's order (a mount appears after the
/// one it sits on, so the reverse order is a safe unmount order).
/// </summary>
public sealed class MountTable
{
    public MountTable(IReadOnlyList<MountInfoEntry> entries, IReadOnlyList<SkippedMountInfoLine>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        Skipped = skipped ?? [];
    }

    public IReadOnlyList<MountInfoEntry> Entries { get; }

    /// <summary>Lines of the text this table was parsed from that did not parse, in order.</summary>
    public IReadOnlyList<SkippedMountInfoLine> Skipped { get; }

    /// <summary>
    /// The mount visible at <paramref name="mountPoint"/>: when several are stacked on the same
    /// point, the last one in the table is the top one.
    /// </summary>
    public MountInfoEntry? FindByMountPoint(string mountPoint)
    {
        var clean = PathComponents.CleanAbsolute(mountPoint);
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Entries[i].MountPoint, clean, StringComparison.Ordinal))
            {
                return Entries[i];
            }
        }

        return null;
    }

    /// <summary>Every mount stacked on <paramref name="mountPoint"/>, bottom first.</summary>
    public IReadOnlyList<MountInfoEntry> FindAllByMountPoint(string mountPoint)
    {
        var clean = PathComponents.CleanAbsolute(mountPoint);
        return Entries.Where(e => string.Equals(e.MountPoint, clean, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>True when something is mounted exactly at <paramref name="mountPoint"/>.</summary>
    public bool IsMountPoint(string mountPoint) => FindByMountPoint(mountPoint) is not null;

    /// <summary>The mount with id <paramref name="mountId"/> (field 1), or null.</summary>
    public MountInfoEntry? FindById(long mountId) => Entries.FirstOrDefault(e => e.MountId == mountId);

    /// <summary>
    /// Every mount whose mount point is <paramref name="path"/> or below it, compared by whole
    /// components (<c>/a/bc</c> is not below <c>/a/b</c>), in table order; unmount in reverse.
    /// </summary>
    public IReadOnlyList<MountInfoEntry> MountsAtOrBelow(string path)
    {
        var clean = PathComponents.CleanAbsolute(path);
        return Entries.Where(e => e.MountPoint.StartsWith('/') && PathComponents.IsAtOrBelow(e.MountPoint, clean)).ToArray();
    }
}
