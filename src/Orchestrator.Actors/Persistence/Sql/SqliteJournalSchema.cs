using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// The SQLite journal's schema, versioned through <c>PRAGMA user_version</c>: version 1 is the
/// release before the move onto Akka.NET, version 2 what Akka.Persistence.Sql reads and writes, version 3 adds the
/// event stream's lifecycle tag.
/// </summary>
internal sealed class SqliteJournalSchema(JournalSettings settings) : JournalSchemaStore
{
    /// <summary>The first release's tables; their columns already carry Akka.Persistence.Sql's default names.</summary>
    public const string ReleaseTables = """
        CREATE TABLE journal (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            created INTEGER NOT NULL,
            message BLOB NOT NULL,
            manifest TEXT NOT NULL,
            writer_uuid TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            identifier INTEGER NULL,
            CONSTRAINT journal_persistence_id_sequence_number_key UNIQUE (persistence_id, sequence_number)
        );
        CREATE TABLE snapshot (
            persistence_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            created INTEGER NOT NULL,
            snapshot BLOB NOT NULL,
            manifest TEXT NOT NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """;

    // Akka.Persistence.Sql's own table creation also indexes journal.created and
    // journal.sequence_number: no query of this project filters on them alone, and each index
    // costs every insert, so they are left out.
    private static readonly string AkkaLayout = SerializerIdsOfStoredRows + """
        CREATE TABLE tags (
            ordering_id INTEGER NOT NULL,
            tag TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            persistence_id TEXT NOT NULL,
            CONSTRAINT PK_tags PRIMARY KEY (ordering_id, tag)
        );
        CREATE INDEX tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX tags_tag_idx ON tags (tag);
        """;

    // With an index on the tag, SQLite walks the tag's rows above the position and sorts all of
    // them by the journal's ordering before taking a page (a temporary B-tree per query: catching
    // up on 50,000 events took 2.3 ms of CPU per event). Without it, it walks the journal by its
    // ordering within the range and probes the tags' primary key (ordering_id, tag): rows come out
    // in order and a page stops after its last row. No other query of the plugin or of the
    // orchestrator looks tags up by the tag.
    private const string LifecycleIndexes = "DROP INDEX tags_tag_idx;";

    public override string Store => "SQLite";

    public override string Location { get; } = settings.DatabasePath;

    public override IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "journal and snapshot tables", ReleaseTables),
        new(2, "Akka.Persistence.Sql layout: snapshot serializer ids, tags table, serializer id of stored events", AkkaLayout),
        new(3, "lifecycle tag on the events stored before it, tags no longer indexed by tag alone",
            LifecycleTagStep("json_extract(CAST(message AS TEXT), '$.how') = 'Detached'", "deleted = 0", "INSERT OR IGNORE", string.Empty, LifecycleIndexes)),
    ];

    public override async Task<DbConnection> OpenAsync(bool create, CancellationToken ct)
    {
        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        }
        else if (!File.Exists(Location))
        {
            throw new JournalSchemaException(Location, "no such file") { Missing = true };
        }

        // A reader opens read-only: SQLite's default would create an empty database at a mistyped
        // path, and a reader has no business writing.
        var connectionString = create
            ? JournalSettings.SqliteConnectionString(Location, create: true)
            : JournalSettings.SqliteReadOnlyConnectionString(Location);
        return await OpenOrDisposeAsync(new SqliteConnection(connectionString), ct).ConfigureAwait(false);
    }

    public override async Task<DbTransaction> BeginUpgradeAsync(DbConnection connection, CancellationToken ct)
    {
        // WAL is a property of the file, set once and kept; it cannot change inside a transaction.
        // It lets the offline reader and recovery read beside the single writer.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = await wal.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JournalSchemaException(Location, $"SQLite refused WAL mode (journal mode is '{mode}')");
            }
        }

        // BEGIN IMMEDIATE takes the write lock now: a second process upgrading the same file waits
        // and then finds the work done.
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    public override async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public override async Task RecordVersionAsync(DbConnection connection, DbTransaction transaction, SchemaMigration migration, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version};");
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public override async Task<IReadOnlySet<string>> ExistingTablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('journal', 'snapshot');";
        return await ReadNamesAsync(command, ct).ConfigureAwait(false);
    }

    public override bool IsUnreadable(Exception exception) => exception is SqliteException;

    internal static async Task<IReadOnlySet<string>> ReadNamesAsync(DbCommand command, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
