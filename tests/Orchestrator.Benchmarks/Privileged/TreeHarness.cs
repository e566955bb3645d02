using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Benchmarks.Privileged;

/// <summary>One actor system on a SQLite journal, a native-call actor and the sandbox manager, as the service builds them.</summary>
internal sealed class TreeHarness : IAsyncDisposable
{
    /// <summary>
    /// Every ask and every native call may wait this long: on a loaded machine a queue of
    /// <see cref="InFlight"/> creates behind one native thread stretches far past the service's
    /// one-minute native-call timeout, and a benchmark measures throughput, not a deadline.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Creates in flight at once: what a busy VM manager plausibly sends.</summary>
    public const int InFlight = 32;

    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
        .WithFallback(ConfigurationFactory.ParseString(NativeCallActor.DispatcherHocon));

    private TreeHarness(ActorSystem system, IActorRef native, IActorRef manager)
    {
        System = system;
        Native = native;
        Manager = manager;
    }

    public ActorSystem System { get; }

    public IActorRef Native { get; }

    public IActorRef Manager { get; }

    /// <summary>The journal settings of a state directory (the SQLite file is <c>journal.db</c> in it).</summary>
    public static JournalSettings Journal(string stateDir) => new(JournalProvider.Sqlite, stateDir);

    /// <summary>
    /// Starts a tree whose journal lives in <paramref name="stateDir"/>; <paramref name="nativeProps"/> may replace the native actor,
    /// and <paramref name="passivateIdleContainersAfter"/> the service's idle time before a container's actor is passivated.
    /// </summary>
    public static async Task<TreeHarness> StartAsync(string stateDir, string runDir, Props? nativeProps = null, TimeSpan? passivateIdleContainersAfter = null)
    {
        var journal = Journal(stateDir);
        await JournalPersistence.PrepareAsync(journal, NullLogger.Instance, CancellationToken.None);
        var system = ActorSystem.Create("bench", JournalPersistence.CreateSetup(journal, extra: Quiet));
        var native = system.ActorOf(nativeProps ?? NativeCallActor.Props(MountNamespaceMode.Host), "native");
        var settings = new SandboxTreeSettings { RunDir = runDir, NativeCallTimeout = Timeout };
        settings = settings with { PassivateIdleContainersAfter = passivateIdleContainersAfter ?? settings.PassivateIdleContainersAfter };
        var manager = system.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
        return new TreeHarness(system, native, manager);
    }

    public static string SandboxId(int i) => "s" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string ContainerId(int i) => "c" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Creates <paramref name="sandboxes"/> sandboxes numbered from <paramref name="first"/>, each with its containers one after the other; returns each AddContainer's latency in seconds.</summary>
    public async Task<double[]> CreateAsync(int sandboxes, IReadOnlyList<ContainerSpec> containers, int inFlight = InFlight, int first = 0)
    {
        var latencies = new double[sandboxes * containers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(first, sandboxes), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, _) =>
        {
            await Manager.Ask<SandboxInfo>(new CreateSandbox(SandboxId(i)), Timeout);
            for (var c = 0; c < containers.Count; c++)
            {
                var started = Stopwatch.GetTimestamp();
                await Manager.Ask<ContainerCreatedReply>(new AddContainer(SandboxId(i), containers[c]), Timeout);
                latencies[((i - first) * containers.Count) + c] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        });
        return latencies;
    }

    /// <summary>Destroys sandboxes 0..<paramref name="sandboxes"/>-1; throws when any teardown reports an error.</summary>
    public async Task DestroyAsync(int sandboxes, int inFlight = InFlight)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, sandboxes), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, _) =>
        {
            var report = await Manager.Ask<TeardownReport>(new DestroySandbox(SandboxId(i)), Timeout);
            if (!report.Clean)
            {
                throw new InvalidOperationException($"sandbox {SandboxId(i)} did not tear down cleanly: {string.Join("; ", report.Errors)}");
            }
        });
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}
