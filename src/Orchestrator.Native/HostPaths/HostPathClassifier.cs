using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.HostPaths;

/// <summary>
/// Gathers the facts about a real host path and applies <see cref="HostPathRules"/>. Symlinks are
/// resolved first, before any rule looks at the path.
/// </summary>
public static class HostPathClassifier
{
    /// <summary>Resolves <paramref name="source"/>, gathers its facts from the kernel and classifies it.</summary>
    public static HostPathClassification Classify(string source) => HostPathRules.Classify(GatherFacts(source));

    /// <summary>
    /// As <see cref="Classify(string)"/>, with the file system type of the mount holding the
    /// resolved path answered by <paramref name="fileSystemTypeOf"/> (given that path and its
    /// status): a caller that keeps a parsed table can answer from it.
    /// </summary>
    public static HostPathClassification Classify(string source, Func<string, FileStatus, string?> fileSystemTypeOf) =>
        HostPathRules.Classify(GatherFacts(source, fileSystemTypeOf));

    /// <summary>The facts <see cref="HostPathRules.Classify"/> needs, read from the filesystem.</summary>
    public static HostPathFacts GatherFacts(string source) => GatherFacts(source, FileSystemTypeOf);

    /// <summary>The facts, with the file system type of the mount holding the resolved path answered by <paramref name="fileSystemTypeOf"/>.</summary>
    public static HostPathFacts GatherFacts(string source, Func<string, FileStatus, string?> fileSystemTypeOf)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(fileSystemTypeOf);
        var resolved = FileStat.RealPath(source);
        var status = FileStat.Stat(resolved);
        var fileSystemType = fileSystemTypeOf(resolved, status);
        int? count = HostPathRules.IsConfigMap(resolved) || HostPathRules.IsSecret(resolved)
            ? CountFiles(resolved, HostPathRules.WatchableFileLimit)
            : null;
        return new HostPathFacts(resolved, fileSystemType, status.IsRegularFile, count);
    }

    /// <summary>
    /// Counts non-directory entries below <paramref name="directory"/> (symlinks count as files and
    /// are not followed; hidden names such as Kubernetes' <c>..data</c> count), stopping once the
    /// count passes <paramref name="limit"/>, so the answer is at most <paramref name="limit"/> + 1.
    /// </summary>
    public static int CountFiles(string directory, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = false };
        var count = 0;
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
        {
            count += entry is DirectoryInfo && entry.LinkTarget is null
                ? CountFiles(entry.FullName, limit - count)
                : 1;
            if (count > limit)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>
    /// The file system type of the mount holding <paramref name="resolvedPath"/>, in the calling
    /// thread's namespace (the native-call thread may live in its own): asked of that one mount
    /// (statmount, since 6.8), or looked up by <paramref name="status"/>'s mount id in the whole table before.
    /// </summary>
    public static string? FileSystemTypeOf(string resolvedPath, FileStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return MountTree.TryFileSystemTypeAt(resolvedPath, out var type) ? type
            : status.MountId is { } mountId ? MountInfo.ReadThread().FindById(mountId)?.FsType
            : null;
    }
}
