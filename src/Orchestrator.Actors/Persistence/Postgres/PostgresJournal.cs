using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Postgres;

/// <summary>
/// The journal in a PostgreSQL database, for hosts whose operators keep state in a shared
/// database. Same tables as the SQLite journal; writes go through one group-committing writer
/// that sends each group's atomic writes in one round trip and commits them together.
/// </summary>
public sealed partial class PostgresJournal : IJournal
{
    private const string StoreName = "PostgreSQL journal";
    private const int MaxGroupSize = 1024;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly EventSerializer _serializer;
    private readonly ILogger _logger;
    private readonly InitializeOnce _initialization;
    private readonly GroupCommitWriter _writer;
    private readonly object _disposeGate = new();
    private Task? _disposal;
    private volatile bool _disposed;

    /// <summary>A journal in the database of <paramref name="connectionString"/>; it owns its connection pool.</summary>
    public PostgresJournal(string connectionString, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, serializer, loggerFactory)
    {
    }

    /// <summary>A journal over <paramref name="dataSource"/>, which the caller keeps and disposes.</summary>
    public PostgresJournal(NpgsqlDataSource dataSource, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
        : this(dataSource, ownsDataSource: false, serializer, loggerFactory)
    {
    }

    private PostgresJournal(NpgsqlDataSource dataSource, bool ownsDataSource, EventSerializer serializer, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(serializer);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _serializer = serializer;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgresJournal>();
        _initialization = new InitializeOnce(InitializeCoreAsync);
        _writer = new GroupCommitWriter(StoreName, CommitGroupAsync, MaxGroupSize, _logger);
    }

    /// <summary>Migrates the schema and starts the writer; optional, the first call of any other member does it too.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _initialization.EnsureAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.AppendAsync(PreparedWrites.Prepare(writes, _serializer), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _writer.DeleteAsync(persistenceId, toSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(onReplayed);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            return;
        }

        await using var command = _dataSource.CreateCommand("""
            SELECT sequence_number, created, message, manifest, writer_uuid
            FROM journal
            WHERE persistence_id = $1 AND sequence_number BETWEEN $2 AND $3 AND NOT deleted
            ORDER BY sequence_number
            LIMIT $4;
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = persistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter { Value = toSequenceNr });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            onReplayed(_serializer.DeserializeEvent(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(3),
                reader.GetFieldValue<byte[]>(2),
                reader.GetString(4),
                reader.GetInt64(1)));
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            "SELECT max(sequence_number) FROM journal WHERE persistence_id = $1 AND sequence_number >= $2;");
        command.Parameters.Add(new NpgsqlParameter { Value = persistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = fromSequenceNr });
        var highest = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return highest is long value ? value : 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand("SELECT DISTINCT persistence_id FROM journal;");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        // The database's collation is the operator's choice; the contract is ordinal order.
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Writes what is queued, stops the writer and, when owned, disposes the connection pool.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_disposeGate)
        {
            _disposed = true;
            _disposal ??= DisposeCoreAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task DisposeCoreAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task InitializeCoreAsync()
    {
        await PostgresSchema.MigrateAsync(_dataSource, _logger, CancellationToken.None).ConfigureAwait(false);
        lock (_disposeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.Start();
        }

        PersistenceLog.Opened(_logger, StoreName, PostgresSchema.Describe(_dataSource));
    }
}
