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
    /// no symlink allowed on the way), then sets the propagation; read-only binds are read-only
    /// in every mount of the bound tree. When a step after the bind fails, the bind is detached
    /// before the error is thrown, so no mount leaks.
    /// </summary>
    /// <remarks>
    /// Works on descriptors end to end: the resolved source is opened once without following any
    /// link (<see cref="SafeOpen"/>), <paramref name="check"/> judges what was opened, and the mount
    /// is made from that descriptor onto a target reached by a no-follow walk, so swapping a
    /// directory for a symlink between check and use cannot redirect the bind.
    /// </remarks>
    /// <param name="source">The directory or file to bind.</param>
    /// <param name="target">The mount point; created when missing.</param>
    /// <param name="readOnly">Read-only in the top mount and, with <paramref name="recursive"/>, in every submount.</param>
    /// <param name="propagation">Set on the new mount (recursively for the <c>r</c> forms).</param>
    /// <param name="recursive">Take the submounts under the source along (rbind).</param>
    /// <param name="check">Called with the opened source's real path and status before anything is mounted; throws to refuse.</param>
    /// <param name="resolveSource">
    /// Resolve the source's symlinks first (realpath). False when the caller passes a path it has
    /// already resolved and checked: a link found in it now was planted since, and is refused.
    /// </param>
    public static BindMountResult BindMount(
        string source, string target, bool readOnly, Propagation propagation, bool recursive = false,
        Action<string, FileStatus>? check = null, bool resolveSource = true)
    {
        RequireAbsolute(source, nameof(source));
        RequireAbsolute(target, nameof(target));
        if (!Enum.IsDefined(propagation))
        {
            throw new ArgumentOutOfRangeException(nameof(propagation), propagation, "not a propagation type");
        }

        var resolved = resolveSource ? FileStat.RealPath(source) : PathComponents.CleanAbsolute(source);
        var (sourceHandle, sourceStatus) = SafeOpen.NoFollow(resolved);
        using (sourceHandle)
        {
            if (!sourceStatus.IsDirectory && !sourceStatus.IsRegularFile)
            {
                throw new PathRefusedException(source, resolved, PathRefusal.UnexpectedType);
            }

            check?.Invoke(resolved, sourceStatus);
            var mountPoint = OpenMountPoint(target, sourceStatus.IsDirectory);
            using (mountPoint.Parent)
            using (mountPoint.Handle)
            {
                using var mounted = MountApi.HasOpenTree
                    ? AttachClone(sourceHandle, resolved, mountPoint.Handle, target, readOnly, recursive)
                    : null;
                var mountedPath = mounted is null
                    ? BindThroughProc(sourceHandle, resolved, mountPoint, target, recursive)
                    : MountApi.ProcFdPath(mounted);
                try
                {
                    SetPropagation(mountedPath, propagation);
                    if (readOnly && mounted is null)
                    {
                        RemountTreeReadOnly(mountedPath, target, recursive);
                    }
                }
                catch (Exception failure)
                {
                    RollBack(mountedPath, target, failure);
                    throw;
                }
            }

            return new BindMountResult(resolved, target, mountPoint.Created);
        }
    }

    /// <summary>
    /// <c>MS_BIND|MS_REMOUNT|MS_RDONLY</c> plus the flags the mount already has that a remount
    /// would otherwise drop (or, in a user namespace, fail on with EPERM).
    /// </summary>
    public static void RemountBindReadOnly(string target)
    {
        RequireAbsolute(target, nameof(target));
        RemountBindReadOnly(target, target, MountInfo.ReadThread());
    }

    private static void RemountBindReadOnly(string path, string mountPoint, MountTable table)
    {
        var status = FileStat.Stat(path);
        var entry = (status.MountId is { } id ? table.FindById(id) : null) ?? table.FindByMountPoint(mountPoint)
            ?? throw new InvalidOperationException($"no mount found at {mountPoint} in {MountInfo.ThreadPath}");
        var keep = LockedFlags.FromOptions(entry.Options);
        MountRaw(null, path, null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly | keep, null);
    }

    // The fallback for kernels without mount_setattr: every mount of the tree, top first, gets a
    // read-only remount. The tree sits on an orchestrator-owned mount point, private (staging)
    // when the caller follows the staging design, so nothing sees it writable in between.
    private static void RemountTreeReadOnly(string mountedPath, string target, bool recursive)
    {
        var table = MountInfo.ReadThread();
        RemountBindReadOnly(mountedPath, target, table);
        if (!recursive)
        {
            return;
        }

        foreach (var submount in table.MountsAtOrBelow(target).Where(m => m.MountPoint != PathComponents.CleanAbsolute(target)))
        {
            RemountBindReadOnly(submount.MountPoint, submount.MountPoint, table);
        }
    }

    private static void RollBack(string mountedPath, string target, Exception failure)
    {
        // The descriptor path of the new mount follows no link a writer could plant; the mount is
        // detached whatever happened to the name since.
        var result = Sys.Run(() => LibC.Umount2(mountedPath, (int)UnmountFlags.Detach));
        if (result.Failed && result.Errno is not (Errno.EINVAL or Errno.ENOENT))
        {
            throw new AggregateException(
                $"bind on {target} failed after mounting, and detaching it failed too; the mount may be left behind",
                failure,
                Sys.Error(result.Errno, "umount2", "MNT_DETACH", [mountedPath, target], ["target", "mount point"]));
        }
    }

    // Creates the mount point like the source (a directory, or an empty file for a file source)
    // and opens it, and its parent, without following a link anywhere from "/".
    private static MountPointHandles OpenMountPoint(string target, bool directory)
    {
        var components = PathComponents.SplitAbsolute(target);
        if (components.Count == 0)
        {
            throw new ArgumentException("cannot bind onto /", nameof(target));
        }

        var name = components[^1];
        var parent = NoFollowTree.OpenDirectory(
            "/", [.. components.Take(components.Count - 1)], target, create: true, MountPointDirectoryMode, out _)!;
        try
        {
            var created = false;
            var existing = NoFollowTree.TryOpen(parent, name, target, target);
            if (existing is null)
            {
                created = directory ? NoFollowTree.MakeDirectory(parent, name, target, MountPointDirectoryMode) : CreateEmptyFile(parent, name, target);
                existing = NoFollowTree.TryOpen(parent, name, target, target)
                    ?? throw Sys.Error(Errno.ENOENT, "openat", "O_PATH|O_NOFOLLOW", [target]);
            }

            if (existing.Value.Status.IsDirectory != directory)
            {
                existing.Value.Handle.Dispose();
                throw new PathRefusedException(target, target, directory ? PathRefusal.NotDirectory : PathRefusal.UnexpectedType);
            }

            return new MountPointHandles(parent, name, existing.Value.Handle, created);
        }
        catch (Exception)
        {
            parent.Dispose();
            throw;
        }
    }

    private static bool CreateEmptyFile(FileDescriptorHandle parent, string name, string target)
    {
        var flags = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC;
        var fd = Sys.Check(
            () => LibC.OpenAt(parent, name, flags, (uint)MountPointFileMode), "openat", "O_CREAT|O_EXCL|O_NOFOLLOW", target);
        new FileDescriptorHandle((int)fd).Dispose();
        return true;
    }

    private sealed record MountPointHandles(FileDescriptorHandle Parent, string Name, FileDescriptorHandle Handle, bool Created);
}
