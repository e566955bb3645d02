using System.Diagnostics;
using Orchestrator.Actors.Containers;
using Akka.Actor;
using Orchestrator.Benchmarks.Privileged;
using Orchestrator.Native.MountTables;

namespace Orchestrator.Benchmarks.Lifecycle;

/// <summary>
/// N sandboxes × 4 containers (a bind rootfs and 3 bind volumes) created and destroyed through the
/// actor tree with a SQLite journal on disk, next to <see cref="PlainLoop"/>: the same mkdir, mount,
/// umount2 and rmdir calls on one thread with no journal and no actors, the physical limit.
/// </summary>
internal sealed class LifecycleSuite : IBenchmarkSuite
{
    public const int ContainersPerSandbox = 4;

    /// <summary>
    /// Creates and destroys in flight at once. The targets name 16 concurrent clients (as the api
    /// suite drives the service), so every row of this suite, the AddContainer p99 among them, is
    /// measured with 16 in flight rather than with a separate run for the latency alone; at N = 10
    /// this changes nothing, at 100 and 1000 the rates are those of 16 clients.
    /// </summary>
    public const int Clients = 16;

    public string Name => "lifecycle";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        if (MountNamespace.WhyNotPrivileged is { } why)
        {
            Console.WriteLine($"Skipping '{Name}': {why}.");
            return [];
        }

        using var scratch = ScratchArea.Create(Name);
        var sources = Sources.In(scratch);
        var rows = new List<BenchmarkRow>(Alone(scratch, sources));
        foreach (var n in Sizes(quick))
        {
            rows.AddRange(Measure(scratch, sources, n, repetitions: n >= 1000 ? 1 : n >= 100 ? 3 : 5));
        }

        return rows;
    }

    /// <summary>Sandbox counts; <c>ORCHESTRATOR_BENCH_LIFECYCLE=n,m</c> picks others (for profiling one size).</summary>
    private static IEnumerable<int> Sizes(bool quick) =>
        Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_LIFECYCLE") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))
            : quick ? [10] : [10, 100, 1000];

    private IEnumerable<BenchmarkRow> Measure(ScratchArea scratch, Sources sources, int n, int repetitions)
    {
        var containers = n * ContainersPerSandbox;
        var actors = new RunFigures();
        var plain = new RunFigures();
        var upCost = new PhaseCost[repetitions];
        var downCost = new PhaseCost[repetitions];

        // A warm-up round of each first, so neither side pays for JIT compilation.
        RunActors(scratch, sources, Math.Min(n, 10), "warmup");
        PlainLoop.Run(Path.Combine(scratch.Root, "run-plain-warmup"), sources, Math.Min(n, 10), ContainersPerSandbox);
        for (var r = 0; r < repetitions; r++)
        {
            var tree = RunActors(scratch, sources, n, $"{n}-{r}");
            var loop = PlainLoop.Run(Path.Combine(scratch.Root, $"run-plain-{n}-{r}"), sources, n, ContainersPerSandbox);
            actors.Add(containers, tree.Up, tree.Down, tree.Latencies);
            plain.Add(containers, loop.Up, loop.Down, loop.Latencies);
            (upCost[r], downCost[r]) = (tree.UpCost, tree.DownCost);
        }

        var shape = $"{n} sandboxes × {ContainersPerSandbox} containers";
        foreach (var row in RunFigures.Rows(Name, shape, actors, plain))
        {
            yield return row;
        }

        // Counts, not timings: they do not move with the machine's load. The last repetition's.
        foreach (var (phase, cost) in new[] { ("create", upCost[^1]), ("destroy", downCost[^1]) })
        {
            yield return new BenchmarkRow(Name, $"{shape}, {phase}: whole mount table reads per 1,000 containers", cost.MountTableReads * 1000.0 / containers, "reads", null, null);
            yield return new BenchmarkRow(Name, $"{shape}, {phase}: native time per container", cost.NativeMilliseconds * 1000 / containers, "µs", null, null);
            yield return new BenchmarkRow(Name, $"{shape}, {phase}: native time, share of wall time", cost.NativeMilliseconds / cost.WallMilliseconds * 100, "%", null, null);
            Console.WriteLine($"{shape}, {phase}: {cost.MountTableReads} mount table reads; native calls by time: {cost.Breakdown}");
        }
    }

    /// <summary>
    /// One AddContainer with nothing else in flight: how many journal writes it waits for one after
    /// the other, and what one write (a SQLite commit with synchronous=FULL, i.e. an fsync) costs on
    /// this disk; their product is the floor under the create latency.
    /// </summary>
    private IEnumerable<BenchmarkRow> Alone(ScratchArea scratch, Sources sources)
    {
        var runDir = Path.Combine(scratch.Root, "run-alone");
        using var profile = new Recovery.RecoveryProfile();
        var (writes, writeMs, nativeMs, latencyMs) = Task.Run<(long, double, double, double)>(async () =>
        {
            var tree = await TreeHarness.StartAsync(scratch.NewStateDir("lifecycle-alone"), runDir, profile.NativeProps());
            await using (tree)
            {
                await tree.CreateAsync(1, [sources.Spec(TreeHarness.ContainerId(0))]);
                var before = profile.Section(Recovery.RecoveryProfile.JournalWrite);
                var nativeBefore = profile.NativeMilliseconds();
                var started = Stopwatch.GetTimestamp();
                await tree.Manager.Ask<ContainerCreatedReply>(new AddContainer(TreeHarness.SandboxId(0), sources.Spec(TreeHarness.ContainerId(1))), TreeHarness.Timeout);
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var after = profile.Section(Recovery.RecoveryProfile.JournalWrite);
                var native = profile.NativeMilliseconds() - nativeBefore;
                await tree.DestroyAsync(1);
                RequireNothingMounted(runDir);
                return (after.Calls - before.Calls, after.Milliseconds - before.Milliseconds, native, latency);
            }
        }).GetAwaiter().GetResult();
        yield return new BenchmarkRow(Name, "1 AddContainer alone: journal writes waited for", writes, "writes", null, null);
        yield return new BenchmarkRow(Name, "1 AddContainer alone: time per journal write (SQLite commit, synchronous=FULL)", writeMs * 1000 / writes, "µs", null, null);
        yield return new BenchmarkRow(Name, "1 AddContainer alone: time in native calls", nativeMs * 1000, "µs", null, null);
        yield return new BenchmarkRow(Name, "1 AddContainer alone: latency (lower is better)", latencyMs * 1000, "µs", writeMs * 1000, "its journal writes alone");
    }

    private static ActorsResult RunActors(ScratchArea scratch, Sources sources, int n, string label)
    {
        var runDir = Path.Combine(scratch.Root, "run-actors-" + label);
        var specs = Enumerable.Range(0, ContainersPerSandbox).Select(c => sources.Spec(TreeHarness.ContainerId(c))).ToList();
        using var profile = new Recovery.RecoveryProfile();
        return Task.Run(async () =>
        {
            var tree = await TreeHarness.StartAsync(scratch.NewStateDir("lifecycle"), runDir, profile.NativeProps());
            await using (tree)
            {
                var before = PhaseCost.Mark(profile);
                var started = Stopwatch.GetTimestamp();
                var latencies = await tree.CreateAsync(n, specs, Clients);
                var up = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var created = PhaseCost.Mark(profile);
                started = Stopwatch.GetTimestamp();
                await tree.DestroyAsync(n, Clients);
                var down = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var destroyed = PhaseCost.Mark(profile);
                RequireNothingMounted(runDir);
                return new ActorsResult(up, down, latencies, PhaseCost.Between(before, created, up), PhaseCost.Between(created, destroyed, down));
            }
        }).GetAwaiter().GetResult();
    }

    public static void RequireNothingMounted(string runDir)
    {
        var left = MountInfo.ReadSelf().MountsAtOrBelow(runDir);
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"{left.Count} mounts left below {runDir}, e.g. {left[0].MountPoint}");
        }
    }

    private sealed record ActorsResult(double Up, double Down, double[] Latencies, PhaseCost UpCost, PhaseCost DownCost);

    /// <summary>What one phase cost the native actor: whole-table reads, time in native calls, and that time by request kind.</summary>
    private sealed record PhaseCost(long MountTableReads, double NativeMilliseconds, double WallMilliseconds, string Breakdown)
    {
        public static (long Reads, IReadOnlyDictionary<string, (long Calls, double Milliseconds)> Sections) Mark(Recovery.RecoveryProfile profile) =>
            (profile.MountTableReads, profile.Sections());

        public static PhaseCost Between(
            (long Reads, IReadOnlyDictionary<string, (long Calls, double Milliseconds)> Sections) from,
            (long Reads, IReadOnlyDictionary<string, (long Calls, double Milliseconds)> Sections) to,
            double seconds)
        {
            var deltas = to.Sections
                .Where(s => s.Key.StartsWith("native ", StringComparison.Ordinal) || s.Key.StartsWith(Recovery.RecoveryProfile.MountTableReadBy, StringComparison.Ordinal))
                .Select(s => (s.Key, Calls: s.Value.Calls - from.Sections.GetValueOrDefault(s.Key).Calls, Ms: s.Value.Milliseconds - from.Sections.GetValueOrDefault(s.Key).Milliseconds))
                .Where(s => s.Calls > 0)
                .OrderByDescending(s => s.Ms)
                .ToList();
            var native = deltas.Where(s => s.Key.StartsWith("native ", StringComparison.Ordinal)).Sum(s => s.Ms);
            var breakdown = string.Join("; ", deltas.Select(s => FormattableString.Invariant($"{s.Key} {s.Calls} calls {s.Ms:0} ms")));
            return new PhaseCost(to.Reads - from.Reads, native, seconds * 1000, breakdown);
        }
    }

    /// <summary>Where every container's rootfs and volumes come from (shared by all: a bind source can be bound many times).</summary>
    internal sealed record Sources(string Rootfs, IReadOnlyList<string> Volumes)
    {
        public static readonly string[] Destinations = ["/data/a", "/data/b", "/data/c"];

        /// <summary>A rootfs directory and three volume directories on <paramref name="scratch"/>'s tmpfs.</summary>
        public static Sources In(ScratchArea scratch) =>
            new(scratch.MakeDirectory("images/rootfs"), [.. Destinations.Select(d => scratch.MakeDirectory("volumes/" + Path.GetFileName(d)))]);

        public ContainerSpec Spec(string containerId) => new(
            containerId,
            new RootfsSpec(RootfsKind.Bind, Rootfs),
            [.. Volumes.Select((v, i) => new MountSpec(v, Destinations[i]))],
            []);
    }
}
