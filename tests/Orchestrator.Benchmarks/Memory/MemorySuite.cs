using System.Diagnostics;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Benchmarks.Lifecycle;
using Orchestrator.Benchmarks.Privileged;
using Orchestrator.Native.HostPaths;

namespace Orchestrator.Benchmarks.Memory;

/// <summary>
/// Managed bytes per idle sandbox with 4 containers (its supervisor, what it keeps of its containers,
/// and any container actor still in memory), from the GC's own accounting after a full blocking
/// collection, next to the same number of bare actors: what the runtime alone costs for one
/// supervisor and four children. Idle container actors are passivated, as in the service, after
/// <see cref="IdleTime"/>; each figure is taken once every container actor has stopped. A stand-in
/// native actor answers every request with success, so nothing is mounted and no root is needed; the
/// SQLite journal is on disk (its page cache is native memory, not GC heap).
/// </summary>
internal sealed class MemorySuite : IBenchmarkSuite
{
    // Sandboxes being created at once: many, so the journal's group commit fills its batches.
    private const int InFlight = 256;

    /// <summary>Shorter than the service's default so the suite does not wait; what is measured is the same.</summary>
    private static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(1);

    // How often the count of container actors in memory is read while waiting for it to reach zero.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public string Name => "memory";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        var sandboxes = quick ? 500 : 10_000;
        var journalDir = Directory.CreateDirectory(Path.Combine("/var/tmp", $"orchestrator-bench-memory-{Environment.ProcessId}")).FullName;
        try
        {
            var (empty, perSandbox) = Task.Run(() => TreeBytesAsync(journalDir, sandboxes)).GetAwaiter().GetResult();
            var bare = BareActorBytes(sandboxes, LifecycleSuite.ContainersPerSandbox);
            var bareParent = BareActorBytes(sandboxes, 0);
            var shape = $"{sandboxes:N0} idle sandboxes";
            var per = LifecycleSuite.ContainersPerSandbox;
            return
            [
                new BenchmarkRow(Name, $"{shape} × {per} containers, bytes per sandbox (lower is better; target < 16,384)", perSandbox, "bytes", bare, $"1 + {per} bare actors"),
                new BenchmarkRow(Name, $"{shape}: the supervisor alone, bytes per sandbox", empty, "bytes", bareParent, "1 bare actor"),
                new BenchmarkRow(Name, $"{shape}: each container (actor, state, its supervisor's entry), bytes", (perSandbox - empty) / per, "bytes", (bare - bareParent) / per, "1 bare actor"),
            ];
        }
        finally
        {
            Directory.Delete(journalDir, recursive: true);
        }
    }

    /// <summary>Bytes per sandbox with no container yet, then with all of its containers.</summary>
    private static async Task<(double Empty, double Full)> TreeBytesAsync(string journalDir, int sandboxes)
    {
        var sources = new LifecycleSuite.Sources("/srv/images/rootfs", ["/srv/volumes/a", "/srv/volumes/b", "/srv/volumes/c"]);
        var specs = Enumerable.Range(0, LifecycleSuite.ContainersPerSandbox).Select(c => sources.Spec(TreeHarness.ContainerId(c))).ToList();
        var resident = OrchestratorMetrics.ResidentContainers;
        var tree = await TreeHarness.StartAsync(journalDir, "/run/orchestrator-bench-memory", nativeProps: Props.Create(() => new StandInNative()), passivateIdleContainersAfter: IdleTime);
        await using (tree)
        {
            // One sandbox first: code, static caches and pools exist before the first figure.
            await tree.CreateAsync(1, specs);
            await tree.Manager.Ask<SandboxList>(ListSandboxes.Instance, TreeHarness.Timeout);
            await PassivatedAsync(tree.System, resident);
            var before = GC.GetTotalMemory(forceFullCollection: true);

            await tree.CreateAsync(sandboxes, [], InFlight, first: 1);
            await tree.Manager.Ask<SandboxList>(ListSandboxes.Instance, TreeHarness.Timeout);
            var empty = GC.GetTotalMemory(forceFullCollection: true);
            await Parallel.ForEachAsync(Enumerable.Range(1, sandboxes), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
            {
                foreach (var spec in specs)
                {
                    await tree.Manager.Ask<ContainerCreatedReply>(new AddContainer(TreeHarness.SandboxId(i), spec), TreeHarness.Timeout);
                }
            });
            var created = Stopwatch.StartNew();
            await PassivatedAsync(tree.System, resident);
            Console.WriteLine($"memory: container actors passivated after {IdleTime.TotalSeconds:0.###} s idle; all stopped and their timers swept {created.Elapsed.TotalSeconds:0.0} s after the last create");

            await CheckListedAsync(tree, sandboxes + 1, resident);
            var after = GC.GetTotalMemory(forceFullCollection: true);
            return ((empty - before) / (double)sandboxes, (after - before) / (double)sandboxes);
        }
    }

    /// <summary>Every container is listed Running from what its supervisor keeps, and the listing woke none.</summary>
    private static async Task CheckListedAsync(TreeHarness tree, int sandboxes, int resident)
    {
        var list = await tree.Manager.Ask<SandboxList>(ListSandboxes.Instance, TreeHarness.Timeout);
        if (list.Sandboxes.Count != sandboxes || list.Sandboxes.Any(s => s.Containers.Count != LifecycleSuite.ContainersPerSandbox || s.Containers.Any(c => c.Lifecycle != ContainerLifecycle.Running)))
        {
            throw new InvalidOperationException($"expected {sandboxes} sandboxes of {LifecycleSuite.ContainersPerSandbox} running containers, found {list.Sandboxes.Count}");
        }

        if (OrchestratorMetrics.ResidentContainers != resident)
        {
            throw new InvalidOperationException($"listing the sandboxes woke {OrchestratorMetrics.ResidentContainers - resident} container actors");
        }
    }

    /// <summary>
    /// Returns once no more container actors are in memory than <paramref name="resident"/> (those from
    /// before the tree), and the scheduler has let go of their idle timers.
    /// </summary>
    private static async Task PassivatedAsync(ActorSystem system, int resident)
    {
        var waited = Stopwatch.StartNew();
        while (OrchestratorMetrics.ResidentContainers > resident)
        {
            if (waited.Elapsed > TreeHarness.Timeout)
            {
                throw new TimeoutException($"{OrchestratorMetrics.ResidentContainers - resident} container actors still in memory {TreeHarness.Timeout} after the last create");
            }

            await Task.Delay(Poll);
        }

        // A cancelled timer stays in the scheduler's wheel, holding its stopped actor's cell, until the
        // wheel reaches the timer's slot: at most one idle time from now. A task scheduled that far
        // ahead runs after every one of those slots has been swept.
        var swept = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Scheduler.Advanced.ScheduleOnce(IdleTime, () => swept.SetResult());
        await swept.Task;
    }

    private static double BareActorBytes(int sandboxes, int children)
    {
        var system = ActorSystem.Create("bare", "akka.loglevel = WARNING");
        try
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var parents = new List<IActorRef>(sandboxes);
            for (var i = 0; i < sandboxes; i++)
            {
                parents.Add(system.ActorOf(Props.Create(() => new BareParent(children)), TreeHarness.SandboxId(i)));
            }

            // One round trip through every parent: each has started and spawned its children.
            Task.WhenAll(parents.Select(p => p.Ask<int>(BareParent.CountChildren, TreeHarness.Timeout))).GetAwaiter().GetResult();
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(parents);
            return (after - before) / (double)sandboxes;
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
        }
    }

    /// <summary>Answers every native request with its success reply and touches nothing.</summary>
    private sealed class StandInNative : ReceiveActor
    {
        public StandInNative()
        {
            Receive<NativeCall>(call => Sender.Tell(new NativeCallReply(call.Id, Answer(call.Request))));
        }

        private static INativeReply Answer(INativeRequest request) => request switch
        {
            EnsureDirectory r => new DirectoryEnsured(r.Path, Created: true),
            BindMount r => new BindMounted(r.Target),
            Unmount r => new UnmountDone(r.Target, UnmountOutcome.Unmounted),
            RemoveMountPoint r => new MountPointRemoved(r.Target, RemoveOutcome.Removed),
            ReadMounts => new MountsRead([]),
            InspectHostPaths r => new HostPathsInspected([.. r.Sources.Select(s => new InspectedPath(s, s, HostPathKind.Plain, IsDirectory: true, IsBlockDevice: false, Watchable: false, Problem: null))]),
            MountTmpfs r => new TmpfsMounted(r.Target),
            AttachLoop r => new LoopAttached(r.Image, "/dev/loop0"),
            DetachLoop r => new LoopDetached(r.Device, WasAttached: true),
            FindLoop r => new LoopFound(r.Image, null),
            NydusMount r => new NydusMounted(r.MountPoint),
            NydusUnmount r => new NydusUnmounted(r.MountPoint, WasMounted: true),
            _ => new NativeFailed(new NativeError(request.GetType().Name, "ENOSYS", [], "not answered by the stand-in")),
        };
    }

    /// <summary>A parent with idle children and no state: the runtime's share of a sandbox.</summary>
    private sealed class BareParent : ReceiveActor
    {
        public const string CountChildren = "count";

        public BareParent(int children)
        {
            for (var i = 0; i < children; i++)
            {
                Context.ActorOf(Props.Create(() => new BareChild()), TreeHarness.ContainerId(i));
            }

            Receive<string>(_ => Sender.Tell(children));
        }
    }

    private sealed class BareChild : ReceiveActor;
}
