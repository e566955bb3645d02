namespace Orchestrator.Native.Paths;

/// <summary>Splits paths into components and compares them component-wise (pure).</summary>
public static class PathComponents
{
    /// <summary>
    /// The components of a path relative to a root: empty and <c>.</c> components dropped; a
    /// <c>..</c> component or an absolute path is an <see cref="ArgumentException"/>.
    /// </summary>
    public static IReadOnlyList<string> SplitRelative(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.StartsWith('/'))
        {
            throw new ArgumentException($"expected a path relative to a root, got the absolute path {relative}", nameof(relative));
        }

        CheckNoNul(relative, nameof(relative));
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
        {
            throw new ArgumentException($"path {relative} contains a '..' component", nameof(relative));
        }

        return parts;
    }

    /// <summary>
    /// The components of an absolute path, lexically cleaned: empty and <c>.</c> dropped, <c>..</c>
    /// removes the previous component and stops at <c>/</c>. A relative path is an <see cref="ArgumentException"/>.
    /// </summary>
    public static IReadOnlyList<string> SplitAbsolute(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"expected an absolute path, got {path}", nameof(path));
        }

        CheckNoNul(path, nameof(path));
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return parts;
    }

    /// <summary>The lexically cleaned absolute form of <paramref name="path"/> (<c>/a//b/./c/..</c> → <c>/a/b</c>).</summary>
    public static string CleanAbsolute(string path) => "/" + string.Join('/', SplitAbsolute(path));

    /// <summary>True when <paramref name="path"/> equals <paramref name="ancestor"/> or lies below it, by whole components.</summary>
    public static bool IsAtOrBelow(string path, string ancestor)
    {
        var p = SplitAbsolute(path);
        var a = SplitAbsolute(ancestor);
        if (p.Count < a.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(p[i], a[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    internal static void CheckNoNul(string value, string parameterName)
    {
        if (value.Contains('\0'))
        {
            throw new ArgumentException("a path cannot contain a NUL character", parameterName);
        }
    }
}
