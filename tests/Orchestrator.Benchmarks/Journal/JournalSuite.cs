using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Benchmarks.Journal;

/// <summary>
/// Durable events per second through Akka.NET persistent actors on the orchestrator's journal
/// setup, each actor with one event in flight (persist, wait for the handler, persist again), so N
/// actors give the journal up to N writes to batch. SQLite as configured (the group-commit
/// interceptor and parallelism 1) runs against SQLite with Akka.Persistence.Sql's stock settings
/// (one transaction per event on Microsoft.Data.Sqlite) in the same run, alternating, on files on
/// the real disk (WAL, synchronous=FULL). PostgreSQL, on a throwaway server that flushes every
/// commit, runs when one can be started here.
/// </summary>
internal sealed class JournalSuite : IBenchmarkSuite
{
    private const string StockBaseline = "SQLite, stock Akka.Persistence.Sql settings (1 transaction per event)";
    private static readonly int[] Concurrencies = [1, 16, 256];
    private static readonly EventManifestRegistry Registry = new EventManifestRegistryBuilder()
        .AddAssembly(typeof(EventJsonSerializer).Assembly)
        .Add<MountRecorded>()
        .Build();

    public string Name => "journal";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        var plan = quick ? new Plan(0, 3, TotalEvents: 150) : new Plan(1, 5, TotalEvents: 1_000);
        var rows = new List<BenchmarkRow>();

        // /tmp may be a tmpfs on other hosts; /var/tmp is on disk by convention.
        var directory = Directory.CreateTempSubdirectory("orchestrator-journal-bench-").FullName;
        if (Directory.Exists("/var/tmp"))
        {
            Directory.Delete(directory);
            directory = Path.Combine("/var/tmp", Path.GetFileName(directory));
            Directory.CreateDirectory(directory);
        }

        try
        {
            using var tuned = Store.Start("tuned", new JournalSettings(JournalProvider.Sqlite, Path.Combine(directory, "tuned")));
            using var stock = Store.Start("stock", new JournalSettings(JournalProvider.Sqlite, Path.Combine(directory, "stock")) { GroupCommit = false });
            foreach (var actors in Concurrencies)
            {
                var perActor = PerActor(plan, actors);
                var tunedWriters = tuned.StartWriters(actors);
                var stockWriters = stock.StartWriters(actors);
                var (rate, stockRate) = Measure.MedianRates(
                    plan.Warmups, plan.Repetitions, () => Store.PersistAll(tunedWriters, perActor), () => Store.PersistAll(stockWriters, perActor));
                tuned.Stop(tunedWriters);
                stock.Stop(stockWriters);
                rows.Add(new BenchmarkRow(Name, $"SQLite: {Actors(actors)}, 1 event in flight each", rate, "events/s", stockRate, StockBaseline));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        if (PostgresServer.UnavailableReason is { } reason)
        {
            Console.WriteLine($"PostgreSQL rows skipped: {reason}");
            return rows;
        }

        rows.AddRange(RunPostgres(plan));
        return rows;
    }

    private List<BenchmarkRow> RunPostgres(Plan plan)
    {
        var rows = new List<BenchmarkRow>();
        var server = PostgresServer.StartAsync(durable: true).GetAwaiter().GetResult();
        try
        {
            var settings = new JournalSettings(JournalProvider.Postgres, Path.GetTempPath(), server.CreateDatabaseAsync().GetAwaiter().GetResult());
            using var postgres = Store.Start("postgres", settings);
            foreach (var actors in Concurrencies)
            {
                var perActor = PerActor(plan, actors);
                var writers = postgres.StartWriters(actors);
                var (rate, _) = Measure.MedianRates(plan.Warmups, plan.Repetitions, () => Store.PersistAll(writers, perActor), () => 0);
                postgres.Stop(writers);
                rows.Add(new BenchmarkRow(Name, $"PostgreSQL: {Actors(actors)}, 1 event in flight each", rate, "events/s", null, null));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return rows;
    }

    private static int PerActor(Plan plan, int actors) => Math.Max(1, plan.TotalEvents * (actors == 1 ? 1 : 4) / actors);

    private static string Actors(int actors) => actors == 1 ? "1 persistent actor" : $"{actors} persistent actors";

    /// <param name="TotalEvents">Events one actor persists per run; more actors share four times as many.</param>
    private sealed record Plan(int Warmups, int Repetitions, int TotalEvents);

    private sealed record Go(int Events, CountdownEvent Done);

    [EventManifest("benchmark.mount-recorded.v1")]
    internal sealed record MountRecorded(string ContainerId, string Target, string Source, long Index);

    /// <summary>One actor system on one journal.</summary>
    private sealed class Store : IDisposable
    {
        private readonly ActorSystem _system;

        private Store(ActorSystem system) => _system = system;

        public static Store Start(string name, JournalSettings settings)
        {
            JournalPersistence.PrepareAsync(settings, Registry, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
            return new Store(ActorSystem.Create($"journal-benchmark-{name}", JournalPersistence.CreateSetup(settings, Registry, Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING"))));
        }

        /// <summary>Starts <paramref name="count"/> writers under fresh persistence ids and waits until each has recovered.</summary>
        public List<IActorRef> StartWriters(int count)
        {
            using var recovered = new CountdownEvent(count);
            var batch = Guid.NewGuid().ToString("N")[..8];
            var writers = Enumerable.Range(0, count)
                .Select(i => _system.ActorOf(Props.Create(() => new Writer($"container-{batch}-{i}", recovered))))
                .ToList();
            recovered.Wait();
            return writers;
        }

        public void Stop(List<IActorRef> writers) => writers.ForEach(_system.Stop);

        /// <returns>Events stored.</returns>
        public static long PersistAll(List<IActorRef> writers, int perActor)
        {
            using var done = new CountdownEvent(writers.Count);
            foreach (var writer in writers)
            {
                writer.Tell(new Go(perActor, done), ActorRefs.NoSender);
            }

            done.Wait();
            return (long)writers.Count * perActor;
        }

        public void Dispose() => _system.Terminate().GetAwaiter().GetResult();
    }

    /// <summary>Persists one event at a time: the next only once the previous one is durable.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId, CountdownEvent recovered)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ => recovered.Signal());
            Command<Go>(go => PersistNext(go.Events, go.Done));
        }

        public override string PersistenceId { get; }

        private void PersistNext(int remaining, CountdownEvent done) =>
            Persist(new MountRecorded(PersistenceId, $"/run/orchestrator/sandboxes/s1/mounts/{PersistenceId}-{LastSequenceNr + 1}/rootfs", "/var/lib/images/1", LastSequenceNr + 1), _ =>
            {
                if (remaining > 1)
                {
                    PersistNext(remaining - 1, done);
                }
                else
                {
                    done.Signal();
                }
            });
    }
}
