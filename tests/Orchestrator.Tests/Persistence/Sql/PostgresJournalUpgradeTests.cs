using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.TestKit.Postgres;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// The release's PostgreSQL journal (its schema, the fixture's rows with no serializer id)
/// upgraded in place: every persistence id recovers the same events, and the step runs once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalUpgradeTests(PostgresServerFixture postgres, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO"), "pg-upgrade", output), IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory = new();

    [PostgresFact]
    public async Task Prepare_ReleaseJournal_RecoversTheReleaseEventsOnceUpgraded()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await CreateReleaseTablesAsync(connectionString);

        await LoadFixtureRowsAsync(connectionString);
        var expected = ReleaseJournalFixture.ReadAsReleased(Sys);
        var settings = new JournalSettings(JournalProvider.Postgres, _directory.Path, connectionString);

        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);
        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);

        var system = ActorSystem.Create("pg-upgraded", JournalPersistence.CreateSetup(settings));
        try
        {
            var probe = CreateTestProbe(system);
            foreach (var (persistenceId, events) in expected)
            {
                system.ActorOf(HistoryActor.Props(persistenceId)).Tell(new HistoryActor.Read(), probe.Ref);
                Assert.Equal(events, probe.ExpectMsg<string[]>(Patience));
            }
        }
        finally
        {
            await system.Terminate();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version;", connection);
        Assert.Equal("1,2,3", await versions.ExecuteScalarAsync());
    }

    public new void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        base.Dispose();
    }

    /// <summary>The tables, indexes and schema version the release's PostgreSQL journal created.</summary>
    private static async Task CreateReleaseTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(PostgresJournalSchema.ReleaseTables, connection);
        await command.ExecuteNonQueryAsync();
        await using var version = new NpgsqlCommand("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied BIGINT NOT NULL); INSERT INTO schema_version VALUES (1, 'journal and snapshot tables', 0);", connection);
        await version.ExecuteNonQueryAsync();
    }

    private static async Task LoadFixtureRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var row in ReleaseJournalFixture.Rows())
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES ($1, $2, $3, $4, $5, $6);",
                connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = row.PersistenceId });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.SequenceNr });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Created });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Message });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Manifest });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.WriterUuid });
            await insert.ExecuteNonQueryAsync();
        }
    }
}
