namespace Orchestrator.Native.Mounting;

/// <summary>Parses and renders propagation names as OCI specs and mount(8) spell them (pure).</summary>
public static class PropagationNames
{
    private static readonly Dictionary<string, Propagation> ByName = new(StringComparer.Ordinal)
    {
        ["private"] = Propagation.Private,
        ["shared"] = Propagation.Shared,
        ["slave"] = Propagation.Slave,
        ["unbindable"] = Propagation.Unbindable,
        ["rprivate"] = Propagation.RecursivePrivate,
        ["rshared"] = Propagation.RecursiveShared,
        ["rslave"] = Propagation.RecursiveSlave,
        ["runbindable"] = Propagation.RecursiveUnbindable,
    };

    /// <summary>
    /// Parses <c>private</c>, <c>shared</c>, <c>slave</c>, <c>unbindable</c> and their <c>r</c>
    /// forms; an empty or null name is <see cref="Propagation.Unchanged"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name; raised before any syscall is made.</exception>
    public static Propagation Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Propagation.Unchanged;
        }

        return ByName.TryGetValue(name, out var propagation)
            ? propagation
            : throw new ArgumentException(
                $"unknown mount propagation '{name}'; expected one of {string.Join(", ", ByName.Keys)}", nameof(name));
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? name, out Propagation propagation)
    {
        if (string.IsNullOrEmpty(name))
        {
            propagation = Propagation.Unchanged;
            return true;
        }

        return ByName.TryGetValue(name, out propagation);
    }

    /// <summary>The mount(2) flags that set <paramref name="propagation"/>; <see cref="MountFlags.None"/> for Unchanged.</summary>
    public static MountFlags ToFlags(Propagation propagation) => propagation switch
    {
        Propagation.Unchanged => MountFlags.None,
        Propagation.Private => MountFlags.Private,
        Propagation.Shared => MountFlags.Shared,
        Propagation.Slave => MountFlags.Slave,
        Propagation.Unbindable => MountFlags.Unbindable,
        Propagation.RecursivePrivate => MountFlags.Private | MountFlags.Recursive,
        Propagation.RecursiveShared => MountFlags.Shared | MountFlags.Recursive,
        Propagation.RecursiveSlave => MountFlags.Slave | MountFlags.Recursive,
        Propagation.RecursiveUnbindable => MountFlags.Unbindable | MountFlags.Recursive,
        _ => throw new ArgumentOutOfRangeException(nameof(propagation), propagation, "not a propagation type"),
    };
}
