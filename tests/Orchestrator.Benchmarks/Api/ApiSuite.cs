using System.Diagnostics;
using System.Globalization;
using Orchestrator.Actors.Containers;
using Orchestrator.Benchmarks.Lifecycle;
using Orchestrator.Benchmarks.Privileged;

namespace Orchestrator.Benchmarks.Api;

/// <summary>
/// The lifecycle workload driven through the real service: a separate <c>orchestrator serve</c>
/// process with a SQLite journal on disk, concurrent clients on its unix socket creating N sandboxes
/// × 4 containers (a bind rootfs and 3 bind volumes each) and then destroying every sandbox, next to
/// <see cref="PlainLoop"/> with the same N × 4 (the same mkdir, mount and umount2 calls on one
/// thread), measured alternately in the same run.
/// </summary>
internal sealed class ApiSuite : IBenchmarkSuite
{
    public string Name => "api";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        if (MountNamespace.WhyNotPrivileged is { } why)
        {
            Console.WriteLine($"Skipping '{Name}': {why}.");
            return [];
        }

        var (sandboxes, clients) = Size(quick);
        using var scratch = ScratchArea.Create(Name);
        var sources = LifecycleSuite.Sources.In(scratch);
        return Task.Run(() => MeasureAsync(scratch, sources, sandboxes, clients, repetitions: quick ? 1 : 3)).GetAwaiter().GetResult();
    }

    /// <summary>
    /// 250 sandboxes and 16 clients, or 10 and 4 with <c>--quick</c>;
    /// <c>ORCHESTRATOR_BENCH_API=sandboxes[,clients]</c> picks others.
    /// </summary>
    private static (int Sandboxes, int Clients) Size(bool quick)
    {
        var (sandboxes, clients) = quick ? (10, 4) : (250, LifecycleSuite.Clients);
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_API") is not { Length: > 0 } size)
        {
            return (sandboxes, clients);
        }

        var parts = size.Split(',');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : clients);
    }

    private async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(ScratchArea scratch, LifecycleSuite.Sources sources, int sandboxes, int clients, int repetitions)
    {
        const int perSandbox = LifecycleSuite.ContainersPerSandbox;
        var containers = sandboxes * perSandbox;
        var specs = Enumerable.Range(0, perSandbox).Select(c => sources.Spec(TreeHarness.ContainerId(c))).ToList();
        var runDir = Path.Combine(scratch.Root, "run-service");
        var service = new RunFigures();
        var plain = new RunFigures();
        await using (var server = await ServiceProcess.StartAsync(scratch.NewStateDir(Name), runDir, clients))
        {
            var api = new ApiClient(server.Client);

            // A warm-up round of each first, so neither side pays for JIT compilation.
            await RoundAsync(api, runDir, "warmup", Math.Min(sandboxes, clients), specs, clients);
            PlainLoop.Run(Path.Combine(scratch.Root, "run-plain-warmup"), sources, Math.Min(sandboxes, 10), perSandbox);
            for (var r = 0; r < repetitions; r++)
            {
                var round = await RoundAsync(api, runDir, $"r{r}", sandboxes, specs, clients);
                var loop = PlainLoop.Run(Path.Combine(scratch.Root, $"run-plain-{r}"), sources, sandboxes, perSandbox);
                service.Add(containers, round.Up, round.Down, round.Latencies);
                plain.Add(containers, loop.Up, loop.Down, loop.Latencies);
            }

            await server.StopAsync();
        }

        var shape = $"{sandboxes} sandboxes × {perSandbox} containers, {clients} clients";
        return
        [
            .. RunFigures.Rows(Name, shape, service, plain),
            new BenchmarkRow(Name, $"{shape}, create + destroy, whole run", service.Whole, "containers/s", plain.Whole, RunFigures.PlainLoop),
        ];
    }

    /// <summary>
    /// Every sandbox created with its containers one after the other by <paramref name="clients"/>
    /// concurrent clients, then every sandbox destroyed the same way; seconds up, seconds down, and each
    /// AddContainer's latency in seconds. Nothing may stay mounted below the run dir afterwards.
    /// </summary>
    private static async Task<PlainLoop.Result> RoundAsync(ApiClient api, string runDir, string prefix, int sandboxes, IReadOnlyList<ContainerSpec> specs, int clients)
    {
        var ids = Enumerable.Range(0, sandboxes).Select(i => $"{prefix}-{TreeHarness.SandboxId(i)}").ToList();
        var latencies = new double[sandboxes * specs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = clients };

        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, sandboxes), parallel, async (i, _) =>
        {
            await api.CreateSandboxAsync(ids[i]);
            for (var c = 0; c < specs.Count; c++)
            {
                var containerStarted = Stopwatch.GetTimestamp();
                await api.AddContainerAsync(ids[i], specs[c]);
                latencies[(i * specs.Count) + c] = Stopwatch.GetElapsedTime(containerStarted).TotalSeconds;
            }
        });
        var up = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(ids, parallel, async (id, _) => await api.DestroySandboxAsync(id));
        var down = Stopwatch.GetElapsedTime(started).TotalSeconds;

        LifecycleSuite.RequireNothingMounted(runDir);
        return new PlainLoop.Result(up, down, latencies);
    }
}
