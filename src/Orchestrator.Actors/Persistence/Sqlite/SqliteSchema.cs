using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Sqlite;

/// <summary>
/// The SQLite schema, versioned through <c>PRAGMA user_version</c>. The tables follow
/// Akka.Persistence.Sql's default layout (<c>journal</c>, <c>snapshot</c>) so a later move to it
/// can read them as they are.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "journal and snapshot tables", Sql.SqliteJournalSchema.ReleaseTables),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>
    /// Brings the database to <see cref="LatestVersion"/>. Runs under SQLite's write lock
    /// (<c>BEGIN IMMEDIATE</c>), so a second store or process opening the same file at the same
    /// time waits and then finds the work done.
    /// </summary>
    public static void Migrate(SqliteConnection connection, ILogger logger)
    {
        // Journal mode cannot change inside a transaction; WAL is a property of the file, so
        // setting it once is enough, and it lets readers run beside the single writer.
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {connection.DataSource} (journal mode is '{mode}').");
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var current = ReadVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The journal database {connection.DataSource} has schema version {current}, newer than this build's {LatestVersion}; refusing to touch it.");
        }

        foreach (var migration in Migrations.Where(m => m.Version > current))
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version};";
            step.ExecuteNonQuery();
        }

        transaction.Commit();
        if (current != LatestVersion)
        {
            PersistenceLog.SchemaMigrated(logger, "SQLite journal", current, LatestVersion);
        }
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
