using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.Sqlite;

/// <summary>
/// Snapshots in the <c>snapshot</c> table of a SQLite file (usually the journal's). Snapshots are
/// rare, so each call uses its own pooled connection rather than a writer queue.
/// </summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    private const string Columns = "persistence_id, sequence_number, created, snapshot, manifest";

    private readonly SqliteDatabase _database;
    private readonly EventSerializer _serializer;
    private volatile bool _disposed;

    /// <summary>A snapshot store in the SQLite file at <paramref name="databasePath"/>, created when missing.</summary>
    public SqliteSnapshotStore(string databasePath, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteSnapshotStore>();
        _database = new SqliteDatabase(databasePath, logger);
        _serializer = serializer;
    }

    /// <summary>Migrates the schema; optional, the first call of any other member does it too.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _database.EnsureMigratedAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM snapshot
            WHERE persistence_id = $persistenceId {CriteriaFilter}
            ORDER BY sequence_number DESC
            LIMIT 1;
            """;
        AddCriteria(command, persistenceId, criteria);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _serializer.DeserializeSnapshot(
            reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(4), (byte[])reader.GetValue(3));
    }

    /// <inheritdoc />
    public async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serialized = _serializer.Serialize(snapshot);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO snapshot ({Columns}) VALUES ($persistenceId, $sequenceNr, $created, $snapshot, $manifest)
            ON CONFLICT (persistence_id, sequence_number)
            DO UPDATE SET created = excluded.created, snapshot = excluded.snapshot, manifest = excluded.manifest;
            """;
        command.Parameters.AddWithValue("$persistenceId", metadata.PersistenceId);
        command.Parameters.AddWithValue("$sequenceNr", metadata.SequenceNr);
        command.Parameters.AddWithValue("$created", UtcTicks.OrNow(metadata.Timestamp));
        command.Parameters.AddWithValue("$snapshot", serialized.Bytes);
        command.Parameters.AddWithValue("$manifest", serialized.Manifest);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM snapshot
            WHERE persistence_id = $persistenceId AND sequence_number = $sequenceNr
              AND ($created IS NULL OR created = $created);
            """;
        command.Parameters.AddWithValue("$persistenceId", metadata.PersistenceId);
        command.Parameters.AddWithValue("$sequenceNr", metadata.SequenceNr);
        command.Parameters.AddWithValue("$created", metadata.Timestamp == DateTime.MinValue ? DBNull.Value : UtcTicks.From(metadata.Timestamp));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM snapshot WHERE persistence_id = $persistenceId {CriteriaFilter};";
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the file; later calls fail with <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _database.ClearPool();
        return ValueTask.CompletedTask;
    }

    private const string CriteriaFilter = """
        AND sequence_number BETWEEN $minSequenceNr AND $maxSequenceNr
        AND created BETWEEN $minCreated AND $maxCreated
        """;

    private static void AddCriteria(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$persistenceId", persistenceId);
        command.Parameters.AddWithValue("$minSequenceNr", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$maxSequenceNr", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$minCreated", UtcTicks.From(criteria.MinTimestamp));
        command.Parameters.AddWithValue("$maxCreated", UtcTicks.From(criteria.MaxTimestamp));
    }
}
