using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>Changes file ownership.</summary>
public static class Ownership
{
    /// <summary>
    /// fchownat(AT_FDCWD, path, uid, gid, flags): with <paramref name="followSymlinks"/> false (the
    /// default, like lchown) a symlink is changed itself and its target is left alone.
    /// </summary>
    public static void ChangeOwner(string path, uint uid, uint gid, bool followSymlinks = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var flags = followSymlinks ? 0 : LibC.AT_SYMLINK_NOFOLLOW;
        Sys.Check(
            () => LibC.Fchownat(LibC.AT_FDCWD, path, uid, gid, flags),
            "fchownat",
            followSymlinks ? "" : "AT_SYMLINK_NOFOLLOW",
            path);
    }
}
