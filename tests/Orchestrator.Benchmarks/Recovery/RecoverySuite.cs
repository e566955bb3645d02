using System.Diagnostics;
using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Benchmarks.Lifecycle;
using Orchestrator.Benchmarks.Privileged;
using Orchestrator.Native.MountTables;

namespace Orchestrator.Benchmarks.Recovery;

/// <summary>
/// The time from starting a new actor system on a crashed one's journal to every container
/// answering <see cref="GetContainer"/> (commands wait until recovery and reconciliation are done),
/// next to the limit: replaying every journaled event straight from SQLite plus one read of the
/// mount table, with no actors. A second crash and recovery then runs with counting stand-ins to
/// show where the time goes.
/// </summary>
internal sealed class RecoverySuite : IBenchmarkSuite
{
    /// <summary>
    /// Containers per sandbox: 4 by default, the pod-like shape the recovery target names (10,000
    /// containers in 2,500 sandboxes); <c>ORCHESTRATOR_BENCH_RECOVERY_PER_SANDBOX=10</c> gives the
    /// shape of the README's earlier tables (10,000 containers in 1,000 sandboxes).
    /// </summary>
    private static readonly int ContainersPerSandbox =
        Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_RECOVERY_PER_SANDBOX") is { Length: > 0 } perSandbox
            ? int.Parse(perSandbox, System.Globalization.CultureInfo.InvariantCulture)
            : LifecycleSuite.ContainersPerSandbox;

    public string Name => "recovery";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        if (MountNamespace.WhyNotPrivileged is { } why)
        {
            Console.WriteLine($"Skipping '{Name}': {why}.");
            return [];
        }

        using var scratch = ScratchArea.Create(Name);
        var rootfs = scratch.MakeDirectory("images/rootfs");
        var rows = new List<BenchmarkRow>();
        foreach (var n in Sizes(quick))
        {
            rows.AddRange(Task.Run(() => MeasureAsync(scratch, rootfs, n)).GetAwaiter().GetResult());
        }

        return rows;
    }

    /// <summary>Container counts to recover; <c>ORCHESTRATOR_BENCH_RECOVERY=n,m</c> picks others (for profiling one size).</summary>
    private static IEnumerable<int> Sizes(bool quick) =>
        Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_RECOVERY") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))
            : quick ? [100] : [1_000, 10_000];

    private async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(ScratchArea scratch, string rootfs, int containers)
    {
        var sandboxes = containers / ContainersPerSandbox;
        var runDir = Path.Combine(scratch.Root, $"run-{containers}");
        var stateDir = scratch.NewStateDir("recovery");
        var specs = Enumerable.Range(0, ContainersPerSandbox)
            .Select(c => new ContainerSpec(TreeHarness.ContainerId(c), new RootfsSpec(RootfsKind.Bind, rootfs), [], []))
            .ToList();
        TreeHarness? last = null;
        try
        {
            var first = await TreeHarness.StartAsync(stateDir, runDir);
            last = first;
            await first.CreateAsync(sandboxes, specs);

            // The crash: the system stops without destroying anything; stopped actors unmount nothing.
            last = null;
            await first.DisposeAsync();
            var mountsBefore = MountInfo.ReadSelf().MountsAtOrBelow(runDir).Count;

            var started = Stopwatch.GetTimestamp();
            var second = await TreeHarness.StartAsync(stateDir, runDir);
            var systemStarted = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            last = second;
            await AllRunningAsync(second.Manager, sandboxes);
            var recovered = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            RequireSameMounts(runDir, mountsBefore);

            last = null;
            await second.DisposeAsync();
            var limit = await ReplayLimitAsync(stateDir, runDir);

            // Crash again, and recover once more with every journal read and native call counted.
            using var profile = new RecoveryProfile();
            var third = await TreeHarness.StartAsync(stateDir, runDir, profile.NativeProps());
            last = third;
            started = Stopwatch.GetTimestamp();
            await AllRunningAsync(third.Manager, sandboxes);
            var profiled = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var sections = profile.Snapshot();

            await third.DestroyAsync(sandboxes);
            LifecycleSuite.RequireNothingMounted(runDir);

            var shape = $"{containers:N0} containers in {sandboxes:N0} sandboxes";
            var rows = new List<BenchmarkRow>
            {
                new(Name, $"{shape}: start to all recovered and reconciled (lower is better)", recovered, "ms", limit, "SQLite replay of every event + 1 mountinfo parse, no actors"),
                new(Name, $"{shape}: of which journal preparation and actor system start", systemStarted, "ms", null, null),
                new(Name, $"{shape}: profiled recovery (counting native stand-in)", profiled, "ms", null, null),
            };
            rows.AddRange(sections.Select(s => new BenchmarkRow(Name, $"{shape}: profile, {s.Section}", s.Value, s.Unit, null, null)));
            return rows;
        }
        finally
        {
            if (last is not null)
            {
                await last.DisposeAsync();
            }
        }
    }

    private static async Task AllRunningAsync(IActorRef manager, int sandboxes)
    {
        var asks = new List<Task<ContainerInfo>>(sandboxes * ContainersPerSandbox);
        for (var s = 0; s < sandboxes; s++)
        {
            for (var c = 0; c < ContainersPerSandbox; c++)
            {
                asks.Add(manager.Ask<ContainerInfo>(new GetContainer(TreeHarness.SandboxId(s), TreeHarness.ContainerId(c)), TreeHarness.Timeout));
            }
        }

        foreach (var info in await Task.WhenAll(asks))
        {
            if (info.Lifecycle != ContainerLifecycle.Running)
            {
                throw new InvalidOperationException($"{info.SandboxId}/{info.ContainerId} recovered as {info.Lifecycle}: {info.Reason}");
            }
        }
    }

    private static void RequireSameMounts(string runDir, int expected)
    {
        var now = MountInfo.ReadSelf().MountsAtOrBelow(runDir).Count;
        if (now != expected)
        {
            throw new InvalidOperationException($"recovery changed the mount table below {runDir}: {expected} mounts before, {now} after");
        }
    }

    /// <summary>What recovery cannot avoid: every event read back and deserialized, and the mount table read once.</summary>
    private static async Task<double> ReplayLimitAsync(string stateDir, string runDir)
    {
        var started = Stopwatch.GetTimestamp();
        var events = 0L;
        await using (var rows = await JournalRows.OpenAsync(TreeHarness.Journal(stateDir)))
        {
            foreach (var id in await rows.PersistenceIdsAsync())
            {
                events += (await rows.EventsAsync(id)).Count;
            }
        }

        _ = MountInfo.ReadSelf().MountsAtOrBelow(runDir).Count + events;
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
