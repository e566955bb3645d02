using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Postgres;

/// <summary>Snapshots in the <c>snapshot</c> table of a PostgreSQL database.</summary>
public sealed class PostgresSnapshotStore : ISnapshotStore
{
    private const string Columns = "persistence_id, sequence_number, created, snapshot, manifest";
    private const string CriteriaFilter = """
        AND sequence_number BETWEEN @minSequenceNr AND @maxSequenceNr
        AND created BETWEEN @minCreated AND @maxCreated
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly EventSerializer _serializer;
    private readonly InitializeOnce _migration;
    private volatile bool _disposed;

    /// <summary>A snapshot store in the database of <paramref name="connectionString"/>; it owns its connection pool.</summary>
    public PostgresSnapshotStore(string connectionString, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, serializer, loggerFactory)
    {
    }

    /// <summary>A snapshot store over <paramref name="dataSource"/>, which the caller keeps and disposes.</summary>
    public PostgresSnapshotStore(NpgsqlDataSource dataSource, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
        : this(dataSource, ownsDataSource: false, serializer, loggerFactory)
    {
    }

    private PostgresSnapshotStore(NpgsqlDataSource dataSource, bool ownsDataSource, EventSerializer serializer, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(serializer);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _serializer = serializer;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgresSnapshotStore>();
        _migration = new InitializeOnce(() => PostgresSchema.MigrateAsync(_dataSource, logger, CancellationToken.None));
    }

    /// <summary>Migrates the schema; optional, the first call of any other member does it too.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _migration.EnsureAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM snapshot
            WHERE persistence_id = @persistenceId {CriteriaFilter}
            ORDER BY sequence_number DESC
            LIMIT 1;
            """);
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _serializer.DeserializeSnapshot(
            reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(4), reader.GetFieldValue<byte[]>(3));
    }

    /// <inheritdoc />
    public async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serialized = _serializer.Serialize(snapshot);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO snapshot ({Columns}) VALUES (@persistenceId, @sequenceNr, @created, @snapshot, @manifest)
            ON CONFLICT (persistence_id, sequence_number)
            DO UPDATE SET created = excluded.created, snapshot = excluded.snapshot, manifest = excluded.manifest;
            """);
        command.Parameters.Add(new NpgsqlParameter("persistenceId", metadata.PersistenceId));
        command.Parameters.Add(new NpgsqlParameter("sequenceNr", metadata.SequenceNr));
        command.Parameters.Add(new NpgsqlParameter("created", UtcTicks.OrNow(metadata.Timestamp)));
        command.Parameters.Add(new NpgsqlParameter("snapshot", serialized.Bytes));
        command.Parameters.Add(new NpgsqlParameter("manifest", serialized.Manifest));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var matchTimestamp = metadata.Timestamp != DateTime.MinValue;
        await using var command = _dataSource.CreateCommand(
            "DELETE FROM snapshot WHERE persistence_id = @persistenceId AND sequence_number = @sequenceNr"
            + (matchTimestamp ? " AND created = @created;" : ";"));
        command.Parameters.Add(new NpgsqlParameter("persistenceId", metadata.PersistenceId));
        command.Parameters.Add(new NpgsqlParameter("sequenceNr", metadata.SequenceNr));
        if (matchTimestamp)
        {
            command.Parameters.Add(new NpgsqlParameter("created", UtcTicks.From(metadata.Timestamp)));
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"DELETE FROM snapshot WHERE persistence_id = @persistenceId {CriteriaFilter};");
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the connection pool when owned; later calls fail with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddCriteria(NpgsqlCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.Add(new NpgsqlParameter("persistenceId", persistenceId));
        command.Parameters.Add(new NpgsqlParameter("minSequenceNr", criteria.MinSequenceNr));
        command.Parameters.Add(new NpgsqlParameter("maxSequenceNr", criteria.MaxSequenceNr));
        command.Parameters.Add(new NpgsqlParameter("minCreated", UtcTicks.From(criteria.MinTimestamp)));
        command.Parameters.Add(new NpgsqlParameter("maxCreated", UtcTicks.From(criteria.MaxTimestamp)));
    }
}
