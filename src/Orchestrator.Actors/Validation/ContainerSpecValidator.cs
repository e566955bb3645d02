using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Validation;

/// <summary>
/// Checks everything about a container spec that needs no syscall, before the first one is made:
/// a bind that succeeds and is then rejected for a bad argument would be a leaked mount.
/// Facts that need the kernel (does the source exist, what is it) are checked by inspection next.
/// </summary>
public static class ContainerSpecValidator
{
    private static readonly HashSet<string> Propagations = new(StringComparer.Ordinal)
    {
        "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
    };

    public static IReadOnlyList<ValidationProblem> Problems(ContainerSpec? spec)
    {
        var problems = new List<ValidationProblem>();
        if (spec is null)
        {
            problems.Add(new("", "a container spec is required"));
            return problems;
        }

        Add(problems, "id", Ids.Problem(spec.Id));
        ValidateRootfs(problems, spec.Rootfs);

        var destinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Mounts?.Count ?? 0); i++)
        {
            var m = spec.Mounts![i];
            var field = $"mounts[{i}]";
            if (m is null)
            {
                problems.Add(new(field, "must not be null"));
                continue;
            }

            Add(problems, field + ".source", AbsolutePathProblem(m.Source));
            ValidateDestination(problems, field + ".destination", m.Destination, destinations);
            if (m.Propagation is { } p && !Propagations.Contains(p))
            {
                problems.Add(new(field + ".propagation", $"unknown propagation '{p}'; expected one of {string.Join(", ", Propagations.Order(StringComparer.Ordinal))}"));
            }

            if (string.IsNullOrWhiteSpace(m.Type))
            {
                problems.Add(new(field + ".type", "must not be empty"));
            }
            else if (!MountVocabulary.MountTypes.Contains(m.Type))
            {
                problems.Add(new(field + ".type", $"unknown mount type '{m.Type}'; expected one of {string.Join(", ", MountVocabulary.MountTypes.Order(StringComparer.Ordinal))}"));
            }

            ValidateOptions(problems, field + ".options", m.Options);
        }

        for (var i = 0; i < (spec.Volumes?.Count ?? 0); i++)
        {
            var v = spec.Volumes![i];
            var field = $"volumes[{i}]";
            if (v is null)
            {
                problems.Add(new(field, "must not be null"));
                continue;
            }

            Add(problems, field + ".device", AbsolutePathProblem(v.Device));
            ValidateDestination(problems, field + ".destination", v.Destination, destinations);
            if (string.IsNullOrWhiteSpace(v.FsType))
            {
                problems.Add(new(field + ".fsType", "must name the filesystem on the device"));
            }
            else if (!MountVocabulary.BlockFileSystems.Contains(v.FsType))
            {
                problems.Add(new(field + ".fsType", UnknownFileSystem(v.FsType)));
            }

            ValidateOptions(problems, field + ".options", v.Options);

            if (v.FsGroup is < 0)
            {
                problems.Add(new(field + ".fsGroup", $"must not be negative, got {v.FsGroup}"));
            }
        }

        return problems;
    }

    public static void Validate(ContainerSpec? spec)
    {
        var problems = Problems(spec);
        if (problems.Count > 0)
        {
            throw new SpecValidationException(problems);
        }
    }

    /// <summary>PATH_MAX, including the terminating NUL the kernel counts.</summary>
    public const int MaxPathLength = 4095;

    /// <summary>An absolute path of at most PATH_MAX, without <c>..</c> components and without control characters.</summary>
    public static string? AbsolutePathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "must not be empty";
        }

        if (path[0] != '/')
        {
            return $"must be an absolute path, got '{path}'";
        }

        if (path.Length > MaxPathLength)
        {
            return $"must be at most {MaxPathLength} characters, got {path.Length}";
        }

        // A newline in a destination would end a line of the guest's systemd unit and start
        // another one the client wrote; no control character has a place in a path we accept.
        if (path.Any(char.IsControl))
        {
            return "must not contain control characters (NUL, newline, tab, ...)";
        }

        return path.Split('/').Contains("..") ? $"must not contain '..', got '{path}'" : null;
    }

    private static void ValidateRootfs(List<ValidationProblem> problems, RootfsSpec? rootfs)
    {
        if (rootfs is null)
        {
            problems.Add(new("rootfs", "is required"));
            return;
        }

        if (!Enum.IsDefined(rootfs.Type))
        {
            problems.Add(new("rootfs.type", $"unknown rootfs type '{rootfs.Type}'; expected bind, block or nydus"));
            return;
        }

        Add(problems, "rootfs.source", AbsolutePathProblem(rootfs.Source));
        if (rootfs.FsType is { } fsType && !MountVocabulary.BlockFileSystems.Contains(fsType))
        {
            problems.Add(new("rootfs.fsType", UnknownFileSystem(fsType)));
        }

        if (rootfs.Type == RootfsKind.Nydus)
        {
            Add(problems, "rootfs.snapshotDir", AbsolutePathProblem(rootfs.SnapshotDir));
            if (string.IsNullOrWhiteSpace(rootfs.DaemonConfig))
            {
                problems.Add(new("rootfs.daemonConfig", "nydus rootfs needs the nydusd configuration"));
            }
            else if (!IsJson(rootfs.DaemonConfig))
            {
                problems.Add(new("rootfs.daemonConfig", "must be a JSON document"));
            }
        }
        else if (rootfs.SnapshotDir is not null || rootfs.DaemonConfig is not null)
        {
            problems.Add(new("rootfs", $"snapshotDir and daemonConfig apply to nydus rootfs only, not {rootfs.Type.ToString().ToLowerInvariant()}"));
        }
    }

    private static void ValidateDestination(List<ValidationProblem> problems, string field, string? destination, HashSet<string> seen)
    {
        if (AbsolutePathProblem(destination) is { } problem)
        {
            problems.Add(new(field, problem + " (destinations are inside the container root)"));
            return;
        }

        var normalized = Plans.GuestMountList.Normalize(destination!);
        if (normalized == "/")
        {
            problems.Add(new(field, "must not be the container root itself"));
        }
        else if (!seen.Add(normalized))
        {
            problems.Add(new(field, $"duplicate destination '{normalized}'"));
        }
    }

    private static string UnknownFileSystem(string fsType) =>
        $"unknown file system '{fsType}'; expected one of {string.Join(", ", MountVocabulary.BlockFileSystems.Order(StringComparer.Ordinal))}";

    private static void ValidateOptions(List<ValidationProblem> problems, string field, IReadOnlyList<string>? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Count > Limits.MaxOptions)
        {
            problems.Add(new(field, $"at most {Limits.MaxOptions} options, got {options.Count}"));
            return;
        }

        foreach (var option in options)
        {
            if (option is null || !MountVocabulary.IsKnownOption(option))
            {
                problems.Add(new(field, $"unknown option '{option}'"));
            }
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static void Add(List<ValidationProblem> problems, string field, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(new(field, problem));
        }
    }
}
