using Orchestrator.Native.Paths;

namespace Orchestrator.Native.HostPaths;

/// <summary>
/// Which host paths may be handed to a guest at all, as a bind source, a rootfs, a block volume or
/// a hot-added path. A pure function over <see cref="SourceFacts"/>, applied where sources are
/// inspected and again on the descriptor a bind mounts from.
/// </summary>
/// <remarks>
/// Always refused: <c>/</c> itself; <c>/proc</c>, <c>/sys</c> and <c>/dev</c> with everything below
/// them except device nodes under <c>/dev</c> (device passthrough); the orchestrator's own state
/// dir (the journal) and run dir (every sandbox's directories), and anything below them; a block
/// device or image file that the host has mounted (its root disk: attaching it read-write to a
/// guest corrupts it). When <see cref="AllowedRoots"/> is not empty, a source must also be at or
/// below one of them.
/// </remarks>
public sealed class SourcePolicy
{
    // "sandboxes/<id>" below the run dir.
    private const int SandboxDepth = 2;

    private readonly string[] _ownDirectories;

    /// <param name="ownDirectories">The orchestrator's state dir and run dir (absolute, canonical).</param>
    /// <param name="allowedRoots">The operator's allow-list (<c>Orchestrator:Sources:AllowedRoots</c>); empty allows anything not refused.</param>
    public SourcePolicy(IEnumerable<string> ownDirectories, IEnumerable<string> allowedRoots)
    {
        ArgumentNullException.ThrowIfNull(ownDirectories);
        ArgumentNullException.ThrowIfNull(allowedRoots);
        _ownDirectories = [.. ownDirectories.Select(PathComponents.CleanAbsolute)];
        AllowedRoots = [.. allowedRoots.Select(PathComponents.CleanAbsolute)];
    }

    /// <summary>Refuses only what is refused on every host (no directories of the orchestrator's own, no allow-list).</summary>
    public static SourcePolicy SystemPathsOnly { get; } = new([], []);

    public IReadOnlyList<string> AllowedRoots { get; }

    /// <summary>
    /// At bind time, on the descriptor about to be mounted: <see cref="Refusal"/>, except that a
    /// bind inside one sandbox's own directory (<c>&lt;run dir&gt;/sandboxes/&lt;id&gt;</c>: its
    /// layout and staging binds) is the orchestrator's own and allowed.
    /// </summary>
    public string? BindRefusal(SourceFacts facts, string target)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var source = PathComponents.CleanAbsolute(facts.ResolvedPath);
        var cleanTarget = PathComponents.CleanAbsolute(target);
        foreach (var own in _ownDirectories.Where(d => PathComponents.IsAtOrBelow(source, d) && PathComponents.IsAtOrBelow(cleanTarget, d)))
        {
            var depth = PathComponents.SplitAbsolute(own).Count + SandboxDepth;
            var (sourceParts, targetParts) = (PathComponents.SplitAbsolute(source), PathComponents.SplitAbsolute(cleanTarget));
            if (sourceParts.Count >= depth && targetParts.Count >= depth && sourceParts.Take(depth).SequenceEqual(targetParts.Take(depth), StringComparer.Ordinal))
            {
                return null;
            }
        }

        return Refusal(facts);
    }

    /// <summary>Why <paramref name="facts"/> may not be given to a guest, or null when it may.</summary>
    public string? Refusal(SourceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var path = PathComponents.CleanAbsolute(facts.ResolvedPath);
        if (path == "/")
        {
            return "the host's root directory is never shared";
        }

        if (HostPathRules.IsSystemMount(path))
        {
            return $"'{path}' is a system path (/proc, /sys) and is never shared";
        }

        if (PathComponents.IsAtOrBelow(path, "/dev") && facts.Type is not (FileType.BlockDevice or FileType.CharacterDevice))
        {
            return $"'{path}' is inside /dev; only device nodes are passed through";
        }

        if (_ownDirectories.FirstOrDefault(d => PathComponents.IsAtOrBelow(path, d)) is { } own)
        {
            return $"'{path}' is inside the orchestrator's own directory {own} (its journal, its sandboxes)";
        }

        if (facts.MountedOnHost && facts.Type is FileType.BlockDevice or FileType.RegularFile)
        {
            return $"'{path}' is mounted on the host; attaching it to a guest would corrupt it";
        }

        if (AllowedRoots.Count > 0 && !AllowedRoots.Any(root => PathComponents.IsAtOrBelow(path, root)))
        {
            return $"'{path}' is not below any allowed source root ({string.Join(", ", AllowedRoots)})";
        }

        return null;
    }
}
