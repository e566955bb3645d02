using Orchestrator.Native.Paths;

namespace Orchestrator.Native.HostPaths;

/// <summary>
/// The classification rules as pure functions over a resolved path and facts about it. They
/// compare whole path components (<c>/procfoo</c> is not under <c>/proc</c>) and must only ever
/// see paths whose symlinks were resolved: <c>/tmp/evil -&gt; /</c> makes <c>/tmp/evil/proc</c> be /proc.
/// </summary>
public static class HostPathRules
{
    /// <summary>Largest configmap or secret, in files, that is copied and watched rather than bound.</summary>
    public const int WatchableFileLimit = 8;

    private const string EmptyDirFolder = "kubernetes.io~empty-dir";
    private const string ConfigMapFolder = "kubernetes.io~configmap";
    private const string SecretFolder = "kubernetes.io~secret";
    private const string DockerVolumes = "/var/lib/docker/volumes";

    /// <summary>/proc, /sys, or below either.</summary>
    public static bool IsSystemMount(string path) =>
        PathComponents.IsAtOrBelow(path, "/proc") || PathComponents.IsAtOrBelow(path, "/sys");

    /// <summary>/dev itself, or anything below /dev that is not a regular file.</summary>
    public static bool IsHostDevice(string path, bool isRegularFile)
    {
        var parts = PathComponents.SplitAbsolute(path);
        if (parts.Count == 0 || parts[0] != "dev")
        {
            return false;
        }

        return parts.Count == 1 || !isRegularFile;
    }

    /// <summary>Below /var/lib/docker/volumes and named <c>_data</c>.</summary>
    public static bool IsDockerVolume(string path)
    {
        var parts = PathComponents.SplitAbsolute(path);
        return PathComponents.IsAtOrBelow(path, DockerVolumes) && parts.Count >= 6 && parts[^1] == "_data";
    }

    /// <summary>The parent folder is <c>kubernetes.io~empty-dir</c>.</summary>
    public static bool IsEmptyDir(string path) => ParentIs(path, EmptyDirFolder);

    /// <summary>The parent folder is <c>kubernetes.io~configmap</c>.</summary>
    public static bool IsConfigMap(string path) => ParentIs(path, ConfigMapFolder);

    /// <summary>The parent folder is <c>kubernetes.io~secret</c>.</summary>
    public static bool IsSecret(string path) => ParentIs(path, SecretFolder);

    /// <summary>An emptyDir on tmpfs: the guest can have its own tmpfs instead.</summary>
    public static bool IsEphemeralStorage(string path, string? fileSystemType) =>
        IsEmptyDir(path) && fileSystemType == "tmpfs";

    /// <summary>An emptyDir not on tmpfs: its data lives on the host's disk and must be shared.</summary>
    public static bool IsHostEmptyDir(string path, string? fileSystemType) =>
        IsEmptyDir(path) && fileSystemType != "tmpfs";

    /// <summary>A configmap or secret holding between 1 and <see cref="WatchableFileLimit"/> files.</summary>
    public static bool IsWatchableMount(string path, int? fileCount) =>
        (IsConfigMap(path) || IsSecret(path)) && fileCount is >= 1 and <= WatchableFileLimit;

    /// <summary>Classifies a path from its facts, most restrictive rule first.</summary>
    public static HostPathClassification Classify(HostPathFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var path = facts.ResolvedPath;
        var kind = path switch
        {
            _ when IsSystemMount(path) => HostPathKind.System,
            _ when IsHostDevice(path, facts.IsRegularFile) => HostPathKind.HostDevice,
            _ when IsEphemeralStorage(path, facts.FileSystemType) => HostPathKind.EphemeralStorage,
            _ when IsHostEmptyDir(path, facts.FileSystemType) => HostPathKind.HostEmptyDir,
            _ when IsConfigMap(path) => HostPathKind.ConfigMap,
            _ when IsSecret(path) => HostPathKind.Secret,
            _ when IsDockerVolume(path) => HostPathKind.DockerVolume,
            _ => HostPathKind.Plain,
        };
        var watchable = kind is HostPathKind.ConfigMap or HostPathKind.Secret && IsWatchableMount(path, facts.FileCount);
        return new HostPathClassification(kind, watchable, path);
    }

    private static bool ParentIs(string path, string folder)
    {
        var parts = PathComponents.SplitAbsolute(path);
        return parts.Count >= 2 && parts[^2] == folder;
    }
}
