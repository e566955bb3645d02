using Orchestrator.Native.HostPaths;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// Turns an accepted spec and what inspection found into the ordered side effects of a create.
/// Pure: the same inputs give the same steps, so replay and tests can reason about them.
/// The order is the setup order; teardown undoes it backwards, which gives the nydus order
/// the design asks for (rafs instance first, then the snapshot dir, then the rootfs dir).
/// </summary>
internal static class CreatePlan
{
    /// <summary>
    /// Decides what happens to each host mount from its inspected facts, or collects why the spec
    /// cannot be honoured (a missing source, a block rootfs that is a directory, …).
    /// </summary>
    public static (IReadOnlyList<HostMountClassified> Mounts, IReadOnlyList<ValidationProblem> Problems) Classify(
        ContainerSpec spec, IReadOnlyList<InspectedPath> facts)
    {
        var problems = new List<ValidationProblem>();
        var mounts = new List<HostMountClassified>();
        for (var i = 0; i < spec.Mounts.Count; i++)
        {
            var f = facts[i];
            if (f.Problem is not null)
            {
                problems.Add(new($"mounts[{i}].source", f.Problem));
                continue;
            }

            if (IsHostRoot(f))
            {
                problems.Add(new($"mounts[{i}].source", HostRootRefusal(f)));
                continue;
            }

            var disposition = Disposition(f.Kind);
            mounts.Add(new HostMountClassified(i, disposition, f.ResolvedPath, f.Watchable && disposition == HostMountDisposition.Shared, f.Kind.ToString()));
        }

        var rootfs = facts[spec.Mounts.Count];
        if (rootfs.Problem is not null)
        {
            problems.Add(new("rootfs.source", rootfs.Problem));
        }
        else if (IsHostRoot(rootfs))
        {
            problems.Add(new("rootfs.source", HostRootRefusal(rootfs)));
        }
        else if (rootfs.Kind == HostPathKind.System || (rootfs.Kind == HostPathKind.HostDevice && spec.Rootfs.Type != RootfsKind.Block))
        {
            // Checked on the resolved path: /proc/self or a link to / must never become a guest's root.
            problems.Add(new("rootfs.source", $"'{spec.Rootfs.Source}' resolves to {rootfs.ResolvedPath}, a {(rootfs.Kind == HostPathKind.System ? "system path" : "host device")} that is never shared as a rootfs"));
        }
        else if (spec.Rootfs.Type == RootfsKind.Bind && !rootfs.IsDirectory)
        {
            problems.Add(new("rootfs.source", $"a bind rootfs must be a directory, '{spec.Rootfs.Source}' is not"));
        }
        else if (spec.Rootfs.Type == RootfsKind.Block && rootfs.IsDirectory)
        {
            problems.Add(new("rootfs.source", $"a block rootfs must be a block device or an image file, '{spec.Rootfs.Source}' is a directory"));
        }

        for (var i = 0; i < spec.Volumes.Count; i++)
        {
            var f = facts[spec.Mounts.Count + 1 + i];
            if (f.Problem is not null)
            {
                problems.Add(new($"volumes[{i}].device", f.Problem));
            }
            else if (f.IsDirectory)
            {
                problems.Add(new($"volumes[{i}].device", $"must be a block device or an image file, '{spec.Volumes[i].Device}' is a directory"));
            }
        }

        if (spec.Rootfs.Type == RootfsKind.Nydus && spec.Rootfs.SnapshotDir is not null
            && HotPathRefusal(facts[spec.Mounts.Count + 1 + spec.Volumes.Count]) is { } snapshotProblem)
        {
            // The snapshot dir is bound into the shared dir like a volume, so the same rules hold.
            problems.Add(new("rootfs.snapshotDir", snapshotProblem));
        }

        return (mounts, problems);
    }

    /// <summary>
    /// Why a path hot-added to a running container cannot be bound, or null when it can: it is
    /// classified by the rules of a regular mount, and only what a mount would share may be bound
    /// (a system path, a host device or the guest's own tmpfs never is). Checked on the resolved
    /// path, so a symlink to any of them is refused the same way.
    /// </summary>
    public static string? HotPathRefusal(InspectedPath f)
    {
        if (f.Problem is not null)
        {
            return f.Problem;
        }

        if (IsHostRoot(f))
        {
            return HostRootRefusal(f);
        }

        return Disposition(f.Kind) switch
        {
            HostMountDisposition.Shared => null,
            HostMountDisposition.Skipped => $"'{f.Source}' resolves to {f.ResolvedPath}, a system path that is never shared",
            HostMountDisposition.DevicePassthrough => $"'{f.Source}' resolves to {f.ResolvedPath}, a host device that is passed through, never bound",
            _ => $"'{f.Source}' resolves to {f.ResolvedPath}, an emptyDir on tmpfs that the guest gets as its own tmpfs, never shared",
        };
    }

    /// <summary>Every path inspection must look at, in the order <see cref="Classify"/> reads the facts.</summary>
    public static IReadOnlyList<string> SourcesToInspect(ContainerSpec spec) =>
        [
            .. spec.Mounts.Select(m => m.Source), spec.Rootfs.Source, .. spec.Volumes.Select(v => v.Device),
            .. spec.Rootfs.Type == RootfsKind.Nydus && spec.Rootfs.SnapshotDir is { } snapshotDir ? [snapshotDir] : Array.Empty<string>(),
        ];

    public static IReadOnlyList<CreateStep> Steps(
        string containerId,
        ContainerSpec spec,
        SandboxLayout layout,
        IReadOnlyList<HostMountClassified> mounts,
        IReadOnlyList<InspectedPath> facts,
        IReadOnlyList<int> blockIndexes,
        string? nydusApiSocket)
    {
        var steps = new List<CreateStep>();
        var dir = layout.ContainerDir(containerId);
        steps.Add(Directory("dir", ResourceRole.ContainerDir, dir));
        var nextBlock = 0;
        var rootfsFacts = facts[spec.Mounts.Count];
        switch (spec.Rootfs.Type)
        {
            case RootfsKind.Bind:
                steps.Add(Bind("rootfs", ResourceRole.Rootfs, rootfsFacts.ResolvedPath, layout.Rootfs(containerId), spec.Rootfs.ReadOnly, "private", layout, containerPath: "/"));
                break;
            case RootfsKind.Block:
                var rootIndex = blockIndexes[nextBlock++];
                if (!rootfsFacts.IsBlockDevice)
                {
                    steps.Add(Loop("rootfs", ResourceRole.Rootfs, rootfsFacts.ResolvedPath, spec.Rootfs.ReadOnly, "/", rootIndex));
                }

                break;
            case RootfsKind.Nydus:
                if (string.IsNullOrEmpty(nydusApiSocket))
                {
                    throw new SpecValidationException("rootfs.type", "nydus rootfs needs a nydusd API socket, and none is configured (Native:NydusApiSocket)");
                }

                var mountPoint = Orchestrator.Native.Nydus.NydusClient.RafsMountPoint(containerId);
                steps.Add(Directory("rootfs", ResourceRole.Rootfs, layout.Rootfs(containerId)));
                // Bound from the inspected, symlink-free path: the bind opens its source without following links.
                var snapshotDir = facts[spec.Mounts.Count + 1 + spec.Volumes.Count].ResolvedPath;
                steps.Add(Bind("snapshotdir", ResourceRole.SnapshotDir, snapshotDir, layout.SnapshotDir(containerId), false, "private", layout, containerPath: null));
                steps.Add(new CreateStep(
                    new ResourceStarted("nydus", ResourceKind.Nydus, ResourceRole.Rootfs, mountPoint, rootfsFacts.ResolvedPath, ReadOnly: true, ContainerPath: "/"),
                    new NydusMount(nydusApiSocket, mountPoint, rootfsFacts.ResolvedPath, spec.Rootfs.DaemonConfig!)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Rootfs.Type, "unknown rootfs type");
        }

        foreach (var m in mounts.Where(m => m.Disposition == HostMountDisposition.Shared))
        {
            var mount = spec.Mounts[m.Index];
            var destination = Plans.GuestMountList.Normalize(mount.Destination);
            steps.Add(Bind($"mount:{destination}", ResourceRole.HostMount, m.ResolvedSource, layout.HostMount(containerId, destination),
                mount.ReadOnly || (mount.Options?.Contains("ro") ?? false), mount.Propagation ?? "private", layout, destination));
        }

        for (var i = 0; i < spec.Volumes.Count; i++)
        {
            var volume = spec.Volumes[i];
            var index = blockIndexes[nextBlock++];
            var f = facts[spec.Mounts.Count + 1 + i];
            if (!f.IsBlockDevice)
            {
                var destination = Plans.GuestMountList.Normalize(volume.Destination);
                steps.Add(Loop($"volume:{destination}", ResourceRole.Volume, f.ResolvedPath, volume.ReadOnly, destination, index));
            }
        }

        return steps;
    }

    /// <summary>How many block indexes a spec needs: the rootfs when it is a block, and every volume.</summary>
    public static int BlockDevicesNeeded(ContainerSpec spec) =>
        (spec.Rootfs.Type == RootfsKind.Block ? 1 : 0) + spec.Volumes.Count;

    /// <summary>The host's root, whatever path led there: binding it would hand the guest the whole host.</summary>
    private static bool IsHostRoot(InspectedPath f) => f.ResolvedPath == "/";

    private static string HostRootRefusal(InspectedPath f) => $"'{f.Source}' resolves to /, the host's root, which is never shared";

    private static HostMountDisposition Disposition(HostPathKind kind) => kind switch
    {
        HostPathKind.System => HostMountDisposition.Skipped,
        HostPathKind.HostDevice => HostMountDisposition.DevicePassthrough,
        HostPathKind.EphemeralStorage => HostMountDisposition.GuestTmpfs,
        _ => HostMountDisposition.Shared,
    };

    private static CreateStep Directory(string key, ResourceRole role, string path) =>
        new(new ResourceStarted(key, ResourceKind.Directory, role, path, null, ReadOnly: false), new EnsureDirectory(path));

    /// <summary>A bind step; read-only binds go through a private staging point so the flag reaches shared/.</summary>
    public static CreateStep Bind(string key, ResourceRole role, string source, string target, bool readOnly, string propagation, SandboxLayout layout, string? containerPath) =>
        new(new ResourceStarted(key, ResourceKind.Bind, role, target, source, readOnly, containerPath),
            new BindMount(source, target, readOnly, propagation, readOnly ? layout.Staging(target) : null));

    private static CreateStep Loop(string key, ResourceRole role, string image, bool readOnly, string containerPath, int blockIndex) =>
        new(new ResourceStarted(key, ResourceKind.Loop, role, image, image, readOnly, containerPath, blockIndex), new AttachLoop(image, readOnly));
}
