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
    /// As <see cref="Classify(string)"/>, with the file system type of a mount (by its mountinfo id)
    /// answered by <paramref name="fileSystemTypeOfMount"/>: a caller that keeps the parsed table
    /// saves reading the whole of mountinfo for every source.
    /// </summary>
    public static HostPathClassification Classify(string source, Func<long, string?> fileSystemTypeOfMount) =>
        HostPathRules.Classify(GatherFacts(source, fileSystemTypeOfMount));

    /// <summary>The facts <see cref="HostPathRules.Classify"/> needs, read from the filesystem.</summary>
    public static HostPathFacts GatherFacts(string source) => GatherFacts(source, ReadFileSystemTypeOf);

    /// <summary>The facts, with the file system type of a mount answered by <paramref name="fileSystemTypeOfMount"/>.</summary>
    public static HostPathFacts GatherFacts(string source, Func<long, string?> fileSystemTypeOfMount)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(fileSystemTypeOfMount);
        var resolved = FileStat.RealPath(source);
        var status = FileStat.Stat(resolved);
        var fileSystemType = status.MountId is { } mountId ? fileSystemTypeOfMount(mountId) : null;
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

    // The calling thread's table: the native-call thread may live in its own namespace.
    private static string? ReadFileSystemTypeOf(long mountId) => MountInfo.ReadThread().FindById(mountId)?.FsType;
}
