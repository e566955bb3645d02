using Microsoft.Extensions.Logging;
using Npgsql;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Postgres;

/// <summary>
/// The PostgreSQL schema, versioned in a <c>schema_version</c> table. Same tables and columns
/// as the SQLite store, in Akka.Persistence.Sql's default layout.
/// </summary>
internal static class PostgresSchema
{
    // An arbitrary constant: every process migrating this database takes the same
    // transaction-scoped advisory lock, so concurrent first starts apply each step once.
    private const long MigrationLockKey = 0x4f52_4348_4a4e_4c31;

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "journal and snapshot tables", Sql.PostgresJournalSchema.ReleaseTables),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var setUp = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@lockKey);
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied BIGINT NOT NULL
            );
            """,
            connection,
            transaction))
        {
            setUp.Parameters.Add(new NpgsqlParameter("lockKey", MigrationLockKey));
            await setUp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection, transaction))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The journal database has schema version {current}, newer than this build's {LatestVersion}; refusing to touch it.");
        }

        foreach (var migration in Migrations.Where(m => m.Version > current))
        {
            await using var step = new NpgsqlCommand(migration.Sql, connection, transaction);
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description, applied) VALUES ($1, $2, $3);", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Description });
            record.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow.Ticks });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (current != LatestVersion)
        {
            PersistenceLog.SchemaMigrated(logger, "PostgreSQL journal", current, LatestVersion);
        }
    }

    /// <summary>Where the store points, for logs: host and database, never credentials.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}/{builder.Database}";
    }
}
