namespace Orchestrator.EndToEnd.Support;

/// <summary>Reads mount points from a <c>mountinfo</c> file (field 5 is the mount point, octal-escaped).</summary>
public static class MountInfo
{
    public static IReadOnlyList<string> MountPointsUnder(string mountInfoPath, string prefix) =>
        [.. File.ReadAllLines(mountInfoPath)
            .Select(line => Unescape(line.Split(' ')[4]))
            .Where(p => p == prefix || p.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal))];

    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
