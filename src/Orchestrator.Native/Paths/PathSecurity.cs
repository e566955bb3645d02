using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>Resolves untrusted paths inside a root without escaping it.</summary>
public static class PathSecurity
{
    /// <summary>The kernel's limit on symlinks followed in one lookup (MAXSYMLINKS, 40 since 4.2).</summary>
    public const int MaxSymlinks = 40;

    /// <summary>
    /// The first component of <paramref name="path"/> below <paramref name="root"/> that is a
    /// symlink (lstat semantics: a check that follows links never fires), or null when there is
    /// none. Missing components end the walk: nothing below them can be a link.
    /// </summary>
    /// <remarks>
    /// A check, not a lock: teardown calls it right before <c>umount2(UMOUNT_NOFOLLOW)</c>, which
    /// itself refuses a link in the last component; the mount point's removal then walks the tree
    /// with O_NOFOLLOW descriptors.
    /// </remarks>
    public static string? FindSymlinkBelow(string root, string path)
    {
        var cleanRoot = PathComponents.CleanAbsolute(root);
        var cleanPath = PathComponents.CleanAbsolute(path);
        if (!PathComponents.IsAtOrBelow(cleanPath, cleanRoot))
        {
            throw new ArgumentException($"'{path}' is not below '{root}'", nameof(path));
        }

        var current = cleanRoot;
        foreach (var part in PathComponents.SplitAbsolute(cleanPath).Skip(PathComponents.SplitAbsolute(cleanRoot).Count))
        {
            current = current == "/" ? "/" + part : current + "/" + part;
            if (!FileStat.TryLstat(current, out var status))
            {
                return null;
            }

            if (status.IsSymbolicLink)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves <paramref name="unsafePath"/> the way the kernel would if <paramref name="root"/>
    /// were <c>/</c>: <c>..</c> stops at the root, absolute symlink targets restart at the root,
    /// relative ones resolve against the link's directory. Components that do not exist are
    /// appended lexically. The result is always <paramref name="root"/> or below it.
    /// </summary>
    /// <remarks>
    /// The answer is a path string; a writer who can change the tree after this call can still
    /// redirect a later open, so callers act on it only where the guest cannot write.
    /// </remarks>
    /// <exception cref="NativeCallException">ELOOP after <see cref="MaxSymlinks"/> links.</exception>
    public static string SecureJoin(string root, string unsafePath)
    {
        ArgumentNullException.ThrowIfNull(unsafePath);
        PathComponents.CheckNoNul(unsafePath, nameof(unsafePath));
        var cleanRoot = PathComponents.CleanAbsolute(root);
        var resolved = new List<string>();
        var pending = new Stack<string>(Reverse(unsafePath));
        var linksFollowed = 0;

        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Join(cleanRoot, resolved, part);
            if (!FileStat.TryLstat(candidate, out var status))
            {
                // Missing (or below a non-directory): the rest can only be lexical, and a
                // lexical ".." was already clamped at the root above.
                resolved.Add(part);
                continue;
            }

            if (!status.IsSymbolicLink)
            {
                resolved.Add(part);
                continue;
            }

            if (++linksFollowed > MaxSymlinks)
            {
                throw Sys.Error(Errno.ELOOP, "securejoin", "", [cleanRoot, unsafePath], ["root", "path"]);
            }

            var target = new FileInfo(candidate).LinkTarget ?? string.Empty;
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var linkPart in Reverse(target))
            {
                pending.Push(linkPart);
            }
        }

        return Join(cleanRoot, resolved, null);
    }

    private static IEnumerable<string> Reverse(string path) => path.Split('/').Reverse();

    private static string Join(string root, List<string> resolved, string? last)
    {
        var parts = last is null ? resolved : [.. resolved, last];
        if (parts.Count == 0)
        {
            return root;
        }

        return (root == "/" ? "" : root) + "/" + string.Join('/', parts);
    }
}
