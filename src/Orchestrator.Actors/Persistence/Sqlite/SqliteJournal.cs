using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Sqlite;

/// <summary>
/// The embedded journal: one SQLite file in WAL mode with <c>synchronous=FULL</c>. All writes go
/// through one writer that commits the writes of every caller waiting at that moment in one
/// transaction (group commit); reads use their own pooled connections and run beside it.
/// </summary>
/// <remarks>
/// The schema is created and migrated on first use (or by <see cref="InitializeAsync"/>).
/// A unique (persistence_id, sequence_number) constraint keeps a second writer from forking a
/// history; its write is rejected with <see cref="JournalConflictException"/> while the rest
/// of the group commits.
/// </remarks>
public sealed partial class SqliteJournal : IJournal
{
    private const string StoreName = "SQLite journal";
    private const int MaxGroupSize = 1024;

    private readonly SqliteDatabase _database;
    private readonly EventSerializer _serializer;
    private readonly ILogger _logger;
    private readonly InitializeOnce _initialization;
    private readonly GroupCommitWriter _writer;
    private readonly object _disposeGate = new();
    private Task? _disposal;
    private volatile bool _disposed;

    /// <summary>A journal stored in the SQLite file at <paramref name="databasePath"/>, created when missing.</summary>
    public SqliteJournal(string databasePath, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteJournal>();
        _database = new SqliteDatabase(databasePath, _logger);
        _serializer = serializer;
        _initialization = new InitializeOnce(InitializeCoreAsync);
        _writer = new GroupCommitWriter(StoreName, CommitGroupAsync, MaxGroupSize, _logger);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>
    /// Migrates the schema and starts the writer. Optional: the first call of any other member
    /// does it too; calling it at start-up surfaces a broken database before the first event.
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
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

        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_number, created, message, manifest, writer_uuid
            FROM journal
            WHERE persistence_id = $persistenceId AND sequence_number BETWEEN $from AND $to AND deleted = 0
            ORDER BY sequence_number
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$persistenceId", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            onReplayed(_serializer.DeserializeEvent(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(3),
                (byte[])reader.GetValue(2),
                reader.GetString(4),
                reader.GetInt64(1)));
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(sequence_number) FROM journal WHERE persistence_id = $persistenceId AND sequence_number >= $from;";
        command.Parameters.AddWithValue("$persistenceId", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        var highest = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return highest is long value ? value : 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT persistence_id FROM journal ORDER BY persistence_id;";
        var ids = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        // SQLite's default collation is BINARY, which for UTF-8 is ordinal order already; sorting
        // again keeps the contract independent of the column's collation.
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Writes what is queued, stops the writer and closes the file. Later calls fail with <see cref="ObjectDisposedException"/>.</summary>
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
        CloseWriterConnection();
        _database.ClearPool();
        PersistenceLog.Closed(_logger, StoreName, _database.Path);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
