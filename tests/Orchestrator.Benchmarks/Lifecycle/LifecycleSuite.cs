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

    public string Name => "lifecycle";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        if (MountNamespace.WhyNotPrivileged is { } why)
        {
            Console.WriteLine($"Skipping '{Name}': {why}.");
            return [];
        }

        using var scratch = ScratchArea.Create(Name);
        var sources = new Sources(scratch.MakeDirectory("images/rootfs"), [scratch.MakeDirectory("volumes/a"), scratch.MakeDirectory("volumes/b"), scratch.MakeDirectory("volumes/c")]);
        var rows = new List<BenchmarkRow>(Alone(scratch, sources));
        foreach (var n in quick ? [10] : new[] { 10, 100, 1000 })
        {
            rows.AddRange(Measure(scratch, sources, n, repetitions: n >= 1000 ? 1 : n >= 100 ? 3 : 5));
        }

        return rows;
    }

    private IEnumerable<BenchmarkRow> Measure(ScratchArea scratch, Sources sources, int n, int repetitions)
    {
        var containers = n * ContainersPerSandbox;
        var actorUp = new double[repetitions];
        var actorDown = new double[repetitions];
        var plainUp = new double[repetitions];
        var plainDown = new double[repetitions];
        var actorLatencies = new List<double>();
        var plainLatencies = new List<double>();

        // A warm-up round of each first, so neither side pays for JIT compilation.
        RunActors(scratch, sources, Math.Min(n, 10), "warmup");
        PlainLoop.Run(Path.Combine(scratch.Root, "run-plain-warmup"), sources, Math.Min(n, 10), ContainersPerSandbox);
        for (var r = 0; r < repetitions; r++)
        {
            var actors = RunActors(scratch, sources, n, $"{n}-{r}");
            var plain = PlainLoop.Run(Path.Combine(scratch.Root, $"run-plain-{n}-{r}"), sources, n, ContainersPerSandbox);
            (actorUp[r], actorDown[r]) = (containers / actors.Up, containers / actors.Down);
            (plainUp[r], plainDown[r]) = (containers / plain.Up, containers / plain.Down);
            actorLatencies.AddRange(actors.Latencies);
            plainLatencies.AddRange(plain.Latencies);
        }

        var baseline = "plain loop, 1 thread, no journal";
        var shape = $"{n} sandboxes × {ContainersPerSandbox} containers";
        yield return new BenchmarkRow(Name, $"{shape}, create", Median(actorUp), "containers/s", Median(plainUp), baseline);
        yield return new BenchmarkRow(Name, $"{shape}, destroy", Median(actorDown), "containers/s", Median(plainDown), baseline);
        yield return new BenchmarkRow(Name, $"{shape}, AddContainer p50 (lower is better)", Percentile(actorLatencies, 0.50) * 1e6, "µs", Percentile(plainLatencies, 0.50) * 1e6, "plain loop, one container's calls");
        yield return new BenchmarkRow(Name, $"{shape}, AddContainer p99 (lower is better)", Percentile(actorLatencies, 0.99) * 1e6, "µs", Percentile(plainLatencies, 0.99) * 1e6, "plain loop, one container's calls");
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

    private static PlainLoop.Result RunActors(ScratchArea scratch, Sources sources, int n, string label)
    {
        var runDir = Path.Combine(scratch.Root, "run-actors-" + label);
        var specs = Enumerable.Range(0, ContainersPerSandbox).Select(c => sources.Spec(TreeHarness.ContainerId(c))).ToList();
        return Task.Run(async () =>
        {
            var tree = await TreeHarness.StartAsync(scratch.NewStateDir("lifecycle"), runDir);
            await using (tree)
            {
                var started = Stopwatch.GetTimestamp();
                var latencies = await tree.CreateAsync(n, specs);
                var up = Stopwatch.GetElapsedTime(started).TotalSeconds;
                started = Stopwatch.GetTimestamp();
                await tree.DestroyAsync(n);
                var down = Stopwatch.GetElapsedTime(started).TotalSeconds;
                RequireNothingMounted(runDir);
                return new PlainLoop.Result(up, down, latencies);
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

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>Where every container's rootfs and volumes come from (shared by all: a bind source can be bound many times).</summary>
    internal sealed record Sources(string Rootfs, IReadOnlyList<string> Volumes)
    {
        public static readonly string[] Destinations = ["/data/a", "/data/b", "/data/c"];

        public ContainerSpec Spec(string containerId) => new(
            containerId,
            new RootfsSpec(RootfsKind.Bind, Rootfs),
            [.. Volumes.Select((v, i) => new MountSpec(v, Destinations[i]))],
            []);
    }
}
