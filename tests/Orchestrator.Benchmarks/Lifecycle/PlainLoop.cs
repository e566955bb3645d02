using System.Diagnostics;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.Paths;

namespace Orchestrator.Benchmarks.Lifecycle;

/// <summary>
/// The physical limit of a lifecycle: the sandbox layout's directories and 3 mounts, each
/// container's directory and 4 binds, then the same undos in reverse, called directly on one
/// thread. The paths are the tree's own (<see cref="SandboxLayout"/>), so the kernel does the same work.
/// </summary>
internal static class PlainLoop
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public static Result Run(string runDir, LifecycleSuite.Sources sources, int sandboxes, int containersPerSandbox)
    {
        var layouts = Enumerable.Range(0, sandboxes).Select(i => new SandboxLayout(runDir, Privileged.TreeHarness.SandboxId(i))).ToList();
        var containerIds = Enumerable.Range(0, containersPerSandbox).Select(Privileged.TreeHarness.ContainerId).ToList();
        var latencies = new double[sandboxes * containersPerSandbox];

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < layouts.Count; i++)
        {
            var layout = layouts[i];
            Directories.EnsureDirectory(layout.Root, DirectoryMode);
            Mounts.BindMount(layout.Root, layout.Root, readOnly: false, Propagation.Private);
            Directories.EnsureDirectory(layout.Mounts, DirectoryMode);
            Directories.EnsureDirectory(layout.Shared, DirectoryMode);
            Directories.EnsureDirectory(layout.Private, DirectoryMode);
            Mounts.BindMount(layout.Mounts, layout.Mounts, readOnly: false, Propagation.Shared);
            Mounts.BindMount(layout.Mounts, layout.Shared, readOnly: true, Propagation.Slave);
            for (var c = 0; c < containerIds.Count; c++)
            {
                var containerStarted = Stopwatch.GetTimestamp();
                Directories.EnsureDirectory(layout.ContainerDir(containerIds[c]), DirectoryMode);
                Mounts.BindMount(sources.Rootfs, layout.Rootfs(containerIds[c]), readOnly: false, Propagation.Private);
                for (var v = 0; v < sources.Volumes.Count; v++)
                {
                    Mounts.BindMount(sources.Volumes[v], layout.HostMount(containerIds[c], LifecycleSuite.Sources.Destinations[v]), readOnly: false, Propagation.Private);
                }

                latencies[(i * containerIds.Count) + c] = Stopwatch.GetElapsedTime(containerStarted).TotalSeconds;
            }
        }

        var up = Stopwatch.GetElapsedTime(started).TotalSeconds;
        started = Stopwatch.GetTimestamp();
        foreach (var layout in layouts)
        {
            foreach (var id in containerIds)
            {
                for (var v = sources.Volumes.Count - 1; v >= 0; v--)
                {
                    Undo(layout.Root, layout.HostMount(id, LifecycleSuite.Sources.Destinations[v]));
                }

                Undo(layout.Root, layout.Rootfs(id));
                Remove(layout.Root, layout.ContainerDir(id));
            }

            Mounts.Unmount(layout.Shared);
            Mounts.Unmount(layout.Mounts);
            Remove(layout.Root, layout.Private);
            Remove(layout.Root, layout.Shared);
            Remove(layout.Root, layout.Mounts);
            Mounts.Unmount(layout.Root);
            Remove(layout.SandboxesDir, layout.Root);
        }

        var down = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LifecycleSuite.RequireNothingMounted(runDir);
        return new Result(up, down, latencies);
    }

    private static void Undo(string root, string target)
    {
        if (Mounts.Unmount(target) != UnmountOutcome.Unmounted)
        {
            throw new InvalidOperationException($"{target} was not unmounted");
        }

        Remove(root, target);
    }

    private static void Remove(string root, string target) => Mounts.SafeRemoveMountPoint(root, Path.GetRelativePath(root, target));

    /// <summary>Seconds up, seconds down, and each container's create latency in seconds.</summary>
    public sealed record Result(double Up, double Down, double[] Latencies);
}
