using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Benchmarks.Privileged;

/// <summary>One actor system with a SQLite journal (Akka.Persistence.Sql), a native-call actor and the sandbox manager, as the service builds them.</summary>
internal sealed class TreeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Creates in flight at once: what a busy VM manager plausibly sends.</summary>
    public const int InFlight = 32;

    private TreeHarness(ActorSystem system, IActorRef native, IActorRef manager)
    {
        System = system;
        Native = native;
        Manager = manager;
    }

    public ActorSystem System { get; }

    public IActorRef Native { get; }

    public IActorRef Manager { get; }

    /// <summary>
    /// Starts a tree on <paramref name="journalPath"/>; <paramref name="journalClass"/> may replace
    /// the SQL journal with a subclass of it, <paramref name="nativeProps"/> replace the native actor.
    /// </summary>
    public static Task<TreeHarness> StartAsync(string journalPath, string runDir, string? journalClass = null, Props? nativeProps = null)
    {
        var system = ActorSystem.Create("bench", Configuration(journalPath, journalClass));
        var native = system.ActorOf(nativeProps ?? NativeCallActor.Props(MountNamespaceMode.Host), "native");
        var manager = system.ActorOf(SandboxManager.Props(native, new SandboxTreeSettings { RunDir = runDir }), SandboxManager.Name);
        return Task.FromResult(new TreeHarness(system, native, manager));
    }

    public static Config Configuration(string journalPath, string? journalClass = null) =>
        ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql {
              {{(journalClass is null ? string.Empty : $"class = \"{journalClass}\"")}}
              connection-string = "Data Source={{journalPath}}"
              provider-name = "SQLite.MS"
              auto-initialize = on
            }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """)
            .WithFallback(ConfigurationFactory.ParseString(NativeCallActor.DispatcherHocon))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

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
    public async Task DestroyAsync(int sandboxes)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, sandboxes), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
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
