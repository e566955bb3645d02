using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;

namespace Orchestrator.Actors.Native;

/// <summary>
/// The mount points of one <see cref="MountTable"/>, sorted ordinally, so "everything at or below
/// a path" is two binary searches instead of a scan of the whole table. Recovery asks this once per
/// container, and a host with ten thousand containers has tens of thousands of mounts.
/// </summary>
internal sealed class MountPointIndex
{
    // Mount point and its position in the kernel's table, ordered by mount point.
    private readonly (string MountPoint, int Position)[] _sorted;
    private readonly Dictionary<long, string> _fileSystemTypes = [];
    private readonly HashSet<(uint Major, uint Minor)> _devices = [];

    public MountPointIndex(MountTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var entry in table.Entries)
        {
            _fileSystemTypes[entry.MountId] = entry.FsType;
            _devices.Add((entry.Major, entry.Minor));
        }

        _sorted = table.Entries
            .Select((e, i) => (e.MountPoint, i))
            .Where(e => e.MountPoint.StartsWith('/'))
            .OrderBy(e => e.MountPoint, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The file system type of the mount with id <paramref name="mountId"/> (field 1), or null when the table has none.</summary>
    public string? FileSystemTypeOf(long mountId) => _fileSystemTypes.GetValueOrDefault(mountId);

    /// <summary>True when a mount's file system lives on device <paramref name="major"/>:<paramref name="minor"/> (field 3).</summary>
    public bool HasDevice(uint major, uint minor) => _devices.Contains((major, minor));

    /// <summary>
    /// Same answer as <see cref="MountTable.MountsAtOrBelow"/>, in table order. The kernel prints
    /// clean absolute paths, so "below by whole components" is "equal, or starts with path + '/'";
    /// in ordinal order the latter form one run, from path + "/" up to (not including) path + "0"
    /// ('0' follows '/'), separate from siblings such as path + "-x".
    /// </summary>
    public IReadOnlyList<string> AtOrBelow(string path)
    {
        var clean = PathComponents.CleanAbsolute(path);
        var positions = new List<(int Position, string MountPoint)>();
        if (clean == "/")
        {
            positions.AddRange(_sorted.Select(e => (e.Position, e.MountPoint)));
        }
        else
        {
            Collect(clean, clean + "\0", positions);
            Collect(clean + "/", clean + "0", positions);
        }

        positions.Sort((a, b) => a.Position.CompareTo(b.Position));
        return positions.Select(p => p.MountPoint).ToList();
    }

    // Every mount point in [from, to) in ordinal order.
    private void Collect(string from, string to, List<(int, string)> into)
    {
        for (var i = LowerBound(from); i < _sorted.Length && string.CompareOrdinal(_sorted[i].MountPoint, to) < 0; i++)
        {
            into.Add((_sorted[i].Position, _sorted[i].MountPoint));
        }
    }

    private int LowerBound(string value)
    {
        var (low, high) = (0, _sorted.Length);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(_sorted[middle].MountPoint, value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
