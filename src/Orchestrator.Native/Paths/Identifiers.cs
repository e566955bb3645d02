using System.Text.RegularExpressions;

namespace Orchestrator.Native.Paths;

/// <summary>
/// Checks values that become path components or guest paths (pure). A sandbox or container id
/// ends up in <c>/run/orchestrator/sandboxes/&lt;sid&gt;/mounts/&lt;cid&gt;</c>, so it must not be
/// able to name another directory.
/// </summary>
public static partial class Identifiers
{
    /// <summary>Longest id accepted; container runtimes use 64-character hex ids.</summary>
    public const int MaxIdLength = 128;

    /// <summary>True when <paramref name="id"/> is a safe single path component.</summary>
    public static bool IsValidId(string? id) =>
        id is not null && id.Length <= MaxIdLength && IdPattern().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> unless <paramref name="id"/> is valid.</summary>
    public static void ValidateId(string? id, string what)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException(
                $"{what} '{id}' is not a valid id: use 1 to {MaxIdLength} characters from [A-Za-z0-9_.-], starting with a letter or digit, without '..'",
                what);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="path"/> is an absolute path inside the container with no
    /// <c>..</c> component and no NUL (a destination the guest mounts on).
    /// </summary>
    public static void ValidateContainerPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('/'))
        {
            throw new ArgumentException($"container path '{path}' must be absolute", nameof(path));
        }

        if (path.Contains('\0'))
        {
            throw new ArgumentException("container path contains a NUL character", nameof(path));
        }

        if (path.Split('/').Contains(".."))
        {
            throw new ArgumentException($"container path '{path}' must not contain a '..' component", nameof(path));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
