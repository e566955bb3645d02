using Orchestrator.Native.Interop;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Mounting;

public static partial class Mounts
{
    private const UnixFileMode MountPointDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode MountPointFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Bind-mounts <paramref name="source"/> (symlinks resolved) on <paramref name="target"/>,
    /// creating the target (a directory or an empty file, like the source; parents included;
    /// no symlink allowed on the way), then sets the propagation and, for read-only, remounts
    /// read-only keeping the source mount's nosuid/nodev/noexec/atime flags. When a step after
    /// the bind fails, the bind is detached before the error is thrown, so no mount leaks.
    /// </summary>
    /// <remarks>
    /// With <paramref name="recursive"/> the remount makes only the top mount read-only; submounts
    /// keep their own flags.
    /// </remarks>
    public static BindMountResult BindMount(
        string source, string target, bool readOnly, Propagation propagation, bool recursive = false)
    {
        RequireAbsolute(source, nameof(source));
        RequireAbsolute(target, nameof(target));
        if (!Enum.IsDefined(propagation))
        {
            throw new ArgumentOutOfRangeException(nameof(propagation), propagation, "not a propagation type");
        }

        var resolved = FileStat.RealPath(source);
        var sourceStatus = FileStat.Stat(resolved);
        var created = CreateMountPoint(target, sourceStatus.IsDirectory);

        MountRaw(resolved, target, null, MountFlags.Bind | (recursive ? MountFlags.Recursive : MountFlags.None), null);
        try
        {
            SetPropagation(target, propagation);
            if (readOnly)
            {
                RemountBindReadOnly(target);
            }
        }
        catch (Exception failure)
        {
            RollBack(target, failure);
            throw;
        }

        return new BindMountResult(resolved, target, created);
    }

    /// <summary>
    /// <c>MS_BIND|MS_REMOUNT|MS_RDONLY</c> plus the flags the mount already has that a remount
    /// would otherwise drop (or, in a user namespace, fail on with EPERM).
    /// </summary>
    public static void RemountBindReadOnly(string target)
    {
        RequireAbsolute(target, nameof(target));
        var status = FileStat.Stat(target);
        var table = MountInfo.ReadThread();
        var entry = (status.MountId is { } id ? table.FindById(id) : null) ?? table.FindByMountPoint(target)
            ?? throw new InvalidOperationException($"no mount found at {target} in {MountInfo.ThreadPath}");
        var keep = LockedFlags.FromOptions(entry.Options);
        MountRaw(null, target, null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly | keep, null);
    }

    private static void RollBack(string target, Exception failure)
    {
        try
        {
            Unmount(target, detach: true);
        }
        catch (NativeCallException rollbackFailure)
        {
            throw new AggregateException(
                $"bind on {target} failed after mounting, and detaching it failed too; the mount may be left behind",
                failure,
                rollbackFailure);
        }
    }

    // Creates the mount point like the source: a directory, or an empty file for a file source.
    private static bool CreateMountPoint(string target, bool directory)
    {
        var components = PathComponents.SplitAbsolute(target);
        if (components.Count == 0)
        {
            throw new ArgumentException("cannot bind onto /", nameof(target));
        }

        var name = components[^1];
        using var parent = NoFollowTree.OpenDirectory(
            "/", components.Take(components.Count - 1).ToArray(), target, create: true, MountPointDirectoryMode, out _)!;
        var existing = NoFollowTree.TryOpen(parent, name, target, target);
        if (existing is { } found)
        {
            found.Handle.Dispose();
            if (found.Status.IsDirectory != directory)
            {
                throw new PathRefusedException(
                    target, target, directory ? PathRefusal.NotDirectory : PathRefusal.UnexpectedType);
            }

            return false;
        }

        if (directory)
        {
            return NoFollowTree.MakeDirectory(parent, name, target, MountPointDirectoryMode);
        }

        var flags = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC;
        var fd = Sys.Check(
            () => LibC.OpenAt(parent, name, flags, (uint)MountPointFileMode), "openat", "O_CREAT|O_EXCL|O_NOFOLLOW", target);
        new FileDescriptorHandle((int)fd).Dispose();
        return true;
    }
}
