using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Postgres;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sqlite;
using Orchestrator.Actors.Runtime;
using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Benchmarks.Journal;

/// <summary>
/// Durable events per second through persistent actors, each with one event in flight (so N actors give the
/// journal's group commit up to N writes to batch), next to raw inserts of the same rows into the same table
/// in the same run: one transaction per event (a journal without group commit) and one for all (the ceiling).
/// SQLite runs on a file on the real disk (WAL, synchronous=FULL); PostgreSQL on a throwaway server that
/// flushes every commit, when one can be started here.
/// </summary>
internal sealed class JournalSuite : IBenchmarkSuite
{
    private const string PerEventBaseline = "raw inserts, 1 transaction per event";
    private const string BulkBaseline = "raw inserts, 1 transaction for all";
    private static readonly int[] Concurrencies = [1, 16, 256];
    private static readonly EventSerializer Serializer = new(EventManifestRegistry.FromTypes(typeof(MountRecorded)));

    public string Name => "journal";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        var plan = quick ? new Plan(0, 3, 60, 3_000, TotalEvents: 150) : new Plan(1, 5, 300, 20_000, TotalEvents: 1_000);
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
            using var raw = new SqliteInserts(Path.Combine(directory, "raw.db"));
            rows.AddRange(RunStore("SQLite", new SqliteJournal(Path.Combine(directory, "journal.db"), Serializer), raw, plan));
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

        var server = PostgresServer.StartAsync(durable: true).GetAwaiter().GetResult();
        try
        {
            using var raw = new NpgsqlInserts(server.CreateDatabaseAsync().GetAwaiter().GetResult());
            rows.AddRange(RunStore("PostgreSQL", new PostgresJournal(server.ConnectionString, Serializer), raw, plan));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return rows;
    }

    private List<BenchmarkRow> RunStore(string store, IJournal journal, RawInserts raw, Plan plan)
    {
        var rows = new List<BenchmarkRow>();
        var system = ActorSystem.Create("journal-benchmark", new ActorSystemSettings { Journal = journal });
        try
        {
            var widest = 0.0;
            foreach (var actors in Concurrencies)
            {
                var writers = StartWriters(system, actors);
                var perActor = Math.Max(1, plan.TotalEvents * (actors == 1 ? 1 : 4) / actors);
                var (rate, perEvent) = Measure.MedianRates(
                    plan.Warmups, plan.Repetitions, () => PersistAll(writers, perActor), () => raw.OneTransactionPerEvent(plan.RawEvents));
                writers.ForEach(system.Stop);
                widest = rate;
                var name = actors == 1 ? "1 persistent actor" : $"{actors} persistent actors";
                rows.Add(new BenchmarkRow(Name, $"{store}: {name}, 1 event in flight each", rate, "events/s", perEvent, PerEventBaseline));
            }

            var (bulk, perEventAgain) = Measure.MedianRates(
                plan.Warmups, plan.Repetitions, () => raw.OneTransactionForAll(plan.BulkEvents), () => raw.OneTransactionPerEvent(plan.RawEvents));
            rows.Add(new BenchmarkRow(Name, $"{store}: {BulkBaseline}", bulk, "events/s", perEventAgain, PerEventBaseline));
            rows.Add(new BenchmarkRow(Name, $"{store}: {Concurrencies[^1]} persistent actors against the ceiling", widest, "events/s", bulk, BulkBaseline));
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return rows;
    }

    /// <summary>Starts <paramref name="count"/> writers under fresh persistence ids and waits until each has recovered.</summary>
    private static List<IActorRef> StartWriters(ActorSystem system, int count)
    {
        using var recovered = new CountdownEvent(count);
        var batch = Guid.NewGuid().ToString("N")[..8];
        var writers = Enumerable.Range(0, count)
            .Select(i => system.ActorOf(Props.Create(() => new Writer($"container-{batch}-{i}", recovered))))
            .ToList();
        recovered.Wait();
        return writers;
    }

    /// <returns>Events stored.</returns>
    private static long PersistAll(List<IActorRef> writers, int perActor)
    {
        using var done = new CountdownEvent(writers.Count);
        foreach (var writer in writers)
        {
            writer.Tell(new Go(perActor, done), ActorRefs.NoSender);
        }

        done.Wait();
        return (long)writers.Count * perActor;
    }

    private static MountRecorded Event(string persistenceId, long index) =>
        new(persistenceId, $"/run/orchestrator/sandboxes/s1/mounts/{persistenceId}-{index}/rootfs", $"/var/lib/images/{index}", index);

    /// <param name="TotalEvents">Events one actor persists per run; more actors share four times as many.</param>
    private sealed record Plan(int Warmups, int Repetitions, int RawEvents, int BulkEvents, int TotalEvents);

    private sealed record Go(int Events, CountdownEvent Done);

    [EventManifest("benchmark.mount-recorded.v1")]
    internal sealed record MountRecorded(string ContainerId, string Target, string Source, long Index);

    /// <summary>Persists one event at a time: the next only once the previous one is durable.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly string _persistenceId;

        public Writer(string persistenceId, CountdownEvent recovered)
        {
            _persistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ => recovered.Signal());
            Command<Go>(go => PersistNext(go.Events, go.Done));
        }

        public override string PersistenceId => _persistenceId;

        private void PersistNext(int remaining, CountdownEvent done) =>
            Persist(Event(_persistenceId, LastSequenceNr + 1), _ =>
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

    /// <summary>The same rows as the journal stores, inserted by hand into a database of the same schema.</summary>
    private abstract class RawInserts : IDisposable
    {
        private long _run;

        /// <returns>Events stored.</returns>
        public long OneTransactionPerEvent(int events)
        {
            var persistenceId = "raw-" + Interlocked.Increment(ref _run);
            for (var i = 1; i <= events; i++)
            {
                Transaction(persistenceId, i, i);
            }

            return events;
        }

        /// <returns>Events stored.</returns>
        public long OneTransactionForAll(int events)
        {
            Transaction("raw-" + Interlocked.Increment(ref _run), 1, events);
            return events;
        }

        public abstract void Dispose();

        /// <summary>Inserts events <paramref name="from"/>..<paramref name="to"/> in one committed transaction.</summary>
        protected abstract void Transaction(string persistenceId, long from, long to);
    }

    private sealed class SqliteInserts : RawInserts
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;

        public SqliteInserts(string path)
        {
            // The journal creates the schema, so the table and its unique index are the ones it writes to.
            var journal = new SqliteJournal(path, Serializer);
            journal.InitializeAsync().GetAwaiter().GetResult();
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();

            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _connection.Open();
            using (var pragma = _connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
                pragma.ExecuteNonQuery();
            }

            _insert = _connection.CreateCommand();
            _insert.CommandText = """
                INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid, deleted, identifier)
                VALUES ($persistenceId, $sequenceNr, $created, $message, $manifest, $writerUuid, 0, NULL);
                """;
        }

        public override void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }

        protected override void Transaction(string persistenceId, long from, long to)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _insert.Transaction = transaction;
            for (var sequenceNr = from; sequenceNr <= to; sequenceNr++)
            {
                var payload = Serializer.Serialize(Event(persistenceId, sequenceNr));
                _insert.Parameters.Clear();
                _insert.Parameters.AddWithValue("$persistenceId", persistenceId);
                _insert.Parameters.AddWithValue("$sequenceNr", sequenceNr);
                _insert.Parameters.AddWithValue("$created", DateTime.UtcNow.Ticks);
                _insert.Parameters.AddWithValue("$message", payload.Bytes);
                _insert.Parameters.AddWithValue("$manifest", payload.Manifest);
                _insert.Parameters.AddWithValue("$writerUuid", "raw");
                _insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private sealed class NpgsqlInserts : RawInserts
    {
        private readonly NpgsqlConnection _connection;

        public NpgsqlInserts(string connectionString)
        {
            var journal = new PostgresJournal(connectionString, Serializer);
            journal.InitializeAsync().GetAwaiter().GetResult();
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _connection = new NpgsqlConnection(connectionString);
            _connection.Open();
        }

        public override void Dispose() => _connection.Dispose();

        protected override void Transaction(string persistenceId, long from, long to)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = new NpgsqlCommand(
                """
                INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid, deleted)
                VALUES ($1, $2, $3, $4, $5, $6, FALSE);
                """,
                _connection,
                transaction);
            for (var sequenceNr = from; sequenceNr <= to; sequenceNr++)
            {
                var payload = Serializer.Serialize(Event(persistenceId, sequenceNr));
                insert.Parameters.Clear();
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequenceNr });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = DateTime.UtcNow.Ticks });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload.Bytes });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload.Manifest });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "raw" });
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
