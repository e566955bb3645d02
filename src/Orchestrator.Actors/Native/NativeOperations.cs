using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Native.HostPaths;
using Orchestrator.Native.Interop;
using Orchestrator.Native.Loop;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.Nydus;
using Orchestrator.Native.Paths;

namespace Orchestrator.Actors.Native;

/// <summary>
/// The body of the native-call actor: turns each request into calls on Orchestrator.Native and
/// each outcome, expected or failed, into a reply value. Not thread-safe by design: one thread
/// (the actor's pinned thread, possibly inside a private mount namespace) makes every call.
/// It owns the loop devices it attached or adopted, holding them open so autoclear does not
/// detach a device in use.
/// </summary>
public sealed partial class NativeOperations : IDisposable
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private readonly ILogger _logger;
    private readonly SourcePolicy _sourcePolicy;
    private readonly Dictionary<string, LoopDevice> _loops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NydusClient> _nydus = new(StringComparer.Ordinal);

    /// <param name="sourcePolicy">Which host paths may be given to a guest; <see cref="SourcePolicy.SystemPathsOnly"/> when null.</param>
    /// <param name="logger">Where tolerated oddities (skipped mountinfo lines, refused sources) are reported.</param>
    public NativeOperations(SourcePolicy? sourcePolicy = null, ILogger? logger = null)
    {
        _sourcePolicy = sourcePolicy ?? SourcePolicy.SystemPathsOnly;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Devices currently held, by device path.</summary>
    public IReadOnlyCollection<string> HeldLoopDevices => _loops.Keys;

    public INativeReply Execute(INativeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoteChanges(request);
        try
        {
            return request switch
            {
                EnsureDirectory r => new DirectoryEnsured(r.Path, Directories.EnsureDirectory(r.Path, DirectoryMode)),
                BindMount r => Bind(r),
                Unmount r => DoUnmount(r),
                RemoveMountPoint r => Remove(r),
                AttachLoop r => Attach(r),
                DetachLoop r => Detach(r),
                FindLoop r => Find(r),
                ReadMounts r => new MountsRead(ReconcileMountPoints(r.Under)),
                PrepareReconciliation r => new ReconciliationPrepared(ReadTableAhead(r.Under)),
                InspectHostPaths r => new HostPathsInspected(r.Sources.Select(Inspect).ToList()),
                NydusMount r => NydusMountInstance(r),
                NydusUnmount r => NydusUnmountInstance(r),
                MountTmpfs r => Tmpfs(r),
                SweepStaging r => Sweep(r),
                _ => throw new ArgumentException($"unknown native request {request.GetType().Name}", nameof(request)),
            };
        }
        catch (NativeCallException e)
        {
            return new NativeFailed(new NativeError(e.Syscall, e.ErrnoName, e.Paths, e.Message));
        }
        catch (PathRefusedException e)
        {
            return new NativeFailed(new NativeError("lstat", e.Reason == PathRefusal.SymbolicLink ? "ELOOP" : "EINVAL", [e.Path], e.Message));
        }
        catch (SourceRefusedException e)
        {
            return new NativeFailed(new NativeError("source policy", "EPERM", [e.Path], e.Message));
        }
        catch (NydusApiException e)
        {
            return new NativeFailed(new NativeError("nydusd " + e.Operation, e.Code ?? (e.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "unreachable"),
                e.MountPoint is null ? [e.ApiSocket] : [e.ApiSocket, e.MountPoint], e.Message));
        }
        catch (ArgumentException e)
        {
            return new NativeFailed(new NativeError("validate", "EINVAL", [], e.Message));
        }
        catch (IOException e)
        {
            return new NativeFailed(new NativeError("io", "EIO", [], e.Message));
        }
    }

    public void Dispose()
    {
        // Closing without LOOP_CLR_FD: autoclear detaches each device once nothing else holds it,
        // and a device still hot-plugged into a VM stays attached for it.
        foreach (var loop in _loops.Values)
        {
            loop.Dispose();
        }

        _loops.Clear();
        foreach (var client in _nydus.Values)
        {
            client.Dispose();
        }

        _nydus.Clear();
        _watch?.Dispose();
        _watch = null;
    }

    private BindMounted Bind(BindMount r)
    {
        // Every argument is checked before the first syscall: a bind that succeeds and is then
        // refused for a bad propagation name would be a leaked mount. The source is the path
        // inspection resolved and classified: it is opened without following any link, so a
        // directory swapped for a link since then is refused instead of bound.
        var propagation = PropagationNames.Parse(r.Propagation);

        // A read-only bind takes the submounts under its source along, each of them read-only:
        // a non-recursive read-only bind would leave them to appear writable through propagation.
        var recursive = r.ReadOnly;
        if (!r.ReadOnly || r.StagingDir is null || Mounts.ReadOnlyBindNeedsNoStaging)
        {
            Mounts.BindMount(r.Source, r.Target, r.ReadOnly, propagation, recursive, CheckSource(r.Target), resolveSource: false);
            return new BindMounted(r.Target);
        }

        // A read-only remount of the target would not reach the copy propagated into shared/;
        // a bind of a read-only mount copies the flag, so the copy is born read-only.
        Mounts.BindMount(r.Source, r.StagingDir, readOnly: true, Propagation.Private, recursive, CheckSource(r.Target), resolveSource: false);
        try
        {
            Mounts.BindMount(r.StagingDir, r.Target, readOnly: true, propagation, recursive, resolveSource: false);
        }
        finally
        {
            Mounts.Unmount(r.StagingDir, detach: true);
            var parent = Path.GetDirectoryName(r.StagingDir)!;
            Mounts.SafeRemoveMountPoint(parent, Path.GetFileName(r.StagingDir));
        }

        return new BindMounted(r.Target);
    }

    private StagingSwept Sweep(SweepStaging r)
    {
        var detached = new List<string>();
        var removed = new List<string>();
        if (!FileStat.TryLstat(r.Directory, out var status) || !status.IsDirectory)
        {
            return new StagingSwept(detached, removed);
        }

        if (MountTableOnly || status.IsMountRoot is null)
        {
            // Deepest first: a mount stacked inside a staging point must go before the one it sits on.
            foreach (var mountPoint in MountPointsAtOrBelow(r.Directory).Where(p => p != r.Directory).OrderByDescending(p => p.Length))
            {
                Mounts.Unmount(mountPoint, detach: true);
                detached.Add(mountPoint);
            }
        }
        else
        {
            DetachBelow(r.Directory, detached);
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(r.Directory))
        {
            if (Mounts.SafeRemoveMountPoint(r.Root, Path.GetRelativePath(r.Root, entry)) == Orchestrator.Native.Paths.RemoveOutcome.Removed)
            {
                removed.Add(entry);
            }
        }

        return new StagingSwept(detached, removed);
    }

    // Staging points are entries of the directory; each one still mounted is detached with
    // everything mounted inside it (MNT_DETACH takes the whole subtree), top of a stack first.
    // The walk asks each entry whether it is a mount root (STATX_ATTR_MOUNT_ROOT, since 5.8): the
    // directory is empty unless a crash interrupted a read-only bind, so a sweep costs one
    // directory read, not a read of the node's mount table. Directories that are not mount
    // points are searched too; links are never followed.
    private static void DetachBelow(string directory, List<string> detached)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            while (FileStat.TryLstat(entry, out var here) && here.IsMountRoot == true)
            {
                if (Mounts.Unmount(entry, detach: true) != Orchestrator.Native.Mounting.UnmountOutcome.Unmounted)
                {
                    break;
                }

                detached.Add(entry);
            }

            if (FileStat.TryLstat(entry, out var left) && left.IsDirectory && left.IsMountRoot != true)
            {
                DetachBelow(entry, detached);
            }
        }
    }

    private static TmpfsMounted Tmpfs(MountTmpfs r)
    {
        Directories.EnsureDirectory(r.Target, DirectoryMode);
        Mounts.MountTmpfs(r.Target, new TmpfsOptions(r.SizeBytes, r.Mode, null, null));
        return new TmpfsMounted(r.Target);
    }

    private UnmountDone DoUnmount(Unmount r)
    {
        try
        {
            var outcome = Mounts.UnmountBeneath(r.Root, r.Target, r.Detach);
            if (outcome == Orchestrator.Native.Mounting.UnmountOutcome.Busy && UnmountSubmounts(r))
            {
                outcome = Mounts.UnmountBeneath(r.Root, r.Target, r.Detach);
            }

            return new UnmountDone(r.Target, outcome switch
            {
                Orchestrator.Native.Mounting.UnmountOutcome.Unmounted => UnmountOutcome.Unmounted,
                Orchestrator.Native.Mounting.UnmountOutcome.NotMounted => UnmountOutcome.NotMounted,
                _ => UnmountOutcome.Busy,
            });
        }
        catch (PathRefusedException e) when (e.Reason == PathRefusal.SymbolicLink)
        {
            return new UnmountDone(r.Target, UnmountOutcome.RefusedSymlink);
        }
    }

    // A read-only bind brought the submounts under its source along; they keep it busy. They go
    // first, deepest first, each through the same no-follow walk. False when there were none.
    private bool UnmountSubmounts(Unmount r)
    {
        var target = PathComponents.CleanAbsolute(r.Target);
        var submounts = MountPointsAtOrBelow(target).Where(p => p != target).OrderByDescending(p => p.Length).ToList();
        foreach (var submount in submounts)
        {
            Mounts.UnmountBeneath(r.Root, submount, r.Detach);
        }

        return submounts.Count > 0;
    }

    private static MountPointRemoved Remove(RemoveMountPoint r)
    {
        var relative = Path.GetRelativePath(r.Root, r.Target);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) || relative == ".")
        {
            throw new ArgumentException($"mount point '{r.Target}' is not below '{r.Root}'");
        }

        try
        {
            return new MountPointRemoved(r.Target, Mounts.SafeRemoveMountPoint(r.Root, relative) switch
            {
                Orchestrator.Native.Paths.RemoveOutcome.Removed => RemoveOutcome.Removed,
                Orchestrator.Native.Paths.RemoveOutcome.AlreadyGone => RemoveOutcome.AlreadyGone,
                _ => RemoveOutcome.Busy,
            });
        }
        catch (PathRefusedException e) when (e.Reason == PathRefusal.SymbolicLink)
        {
            return new MountPointRemoved(r.Target, RemoveOutcome.RefusedSymlink);
        }
    }
}
