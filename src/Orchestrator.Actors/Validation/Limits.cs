namespace Orchestrator.Actors.Validation;

/// <summary>
/// How much one request may ask for. Without a cap, one container with 120,000 mounts ran the
/// kernel out of mounts (fs.mount-max, 100,000 by default) for every sandbox on the host.
/// </summary>
public static class Limits
{
    /// <summary>Host mounts per container.</summary>
    public const int MaxMounts = 256;

    /// <summary>Direct-assigned block volumes per container.</summary>
    public const int MaxVolumes = 64;

    /// <summary>Paths hot-added to one running container.</summary>
    public const int MaxHotPaths = 256;

    /// <summary>Options per mount or volume.</summary>
    public const int MaxOptions = 32;

    /// <summary>The largest request body the API reads, in bytes.</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>What in <paramref name="spec"/> exceeds a cap: checked before anything else, so an oversized spec costs nothing more.</summary>
    public static IReadOnlyList<ValidationProblem> Problems(Containers.ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<ValidationProblem>();
        if (spec.Mounts?.Count > MaxMounts)
        {
            problems.Add(new("mounts", $"a container may have at most {MaxMounts} mounts, got {spec.Mounts.Count}"));
        }

        if (spec.Volumes?.Count > MaxVolumes)
        {
            problems.Add(new("volumes", $"a container may have at most {MaxVolumes} volumes, got {spec.Volumes.Count}"));
        }

        return problems;
    }

    /// <summary>The problem for one more hot-added path when <paramref name="current"/> are there already, or null.</summary>
    public static string? HotPathProblem(int current) =>
        current >= MaxHotPaths ? $"a container may have at most {MaxHotPaths} hot-added paths; it has {current}" : null;
}
