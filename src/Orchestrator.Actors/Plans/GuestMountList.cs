namespace Orchestrator.Actors.Plans;

/// <summary>
/// Compiles the mounts a guest performs for one container: the container's own mounts plus the
/// mandatory ones it did not bring, ordered so every mount comes after the mounts it sits on.
/// </summary>
public static class GuestMountList
{
    /// <summary>The mounts every container gets unless it brings its own at the same destination.</summary>
    public static IReadOnlyList<GuestMount> Mandatory { get; } =
    [
        new("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
        new("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
        new("/dev", "devtmpfs", "devtmpfs", ["nosuid", "strictatime", "mode=755"]),
        new("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
        new("/tmp", "tmpfs", "tmpfs", ["nosuid", "nodev", "mode=1777"]),
    ];

    public static IReadOnlyList<GuestMount> Compile(IEnumerable<GuestMount> containerMounts)
    {
        ArgumentNullException.ThrowIfNull(containerMounts);
        var own = containerMounts.Select(m => m with { Destination = Normalize(m.Destination) }).ToList();
        var taken = own.Select(m => m.Destination).ToHashSet(StringComparer.Ordinal);
        var all = Mandatory.Where(m => !taken.Contains(m.Destination)).Concat(own);

        // Depth is a valid topological order for "is under": a parent always has fewer
        // components than its children. OrderBy is stable, so equal depths keep their order.
        return all.OrderBy(m => Depth(m.Destination)).ToList();
    }

    /// <summary>Lexically cleans an absolute destination; relative or escaping paths are refused.</summary>
    public static string Normalize(string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (destination[0] != '/')
        {
            throw new ArgumentException($"guest mount destination must be absolute, got '{destination}'", nameof(destination));
        }

        var parts = new List<string>();
        foreach (var part in destination.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                throw new ArgumentException($"guest mount destination must not contain '..', got '{destination}'", nameof(destination));
            }

            if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    private static int Depth(string path) => path == "/" ? 0 : path.Count(c => c == '/');
}
