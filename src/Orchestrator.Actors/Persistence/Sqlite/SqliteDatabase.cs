using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Sqlite;

/// <summary>
/// One SQLite file as the stores use it: how connections are opened and the one-time schema
/// migration before first use.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly ILogger _logger;
    private readonly InitializeOnce _migration;

    public SqliteDatabase(string path, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Also SQLite's busy timeout: how long a second process's writer waits for the lock.
            DefaultTimeout = 30,
        }.ToString();
        _migration = new InitializeOnce(MigrateAsync);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public Task EnsureMigratedAsync(CancellationToken cancellationToken) => _migration.EnsureAsync(cancellationToken);

    /// <summary>
    /// Opens a connection ready to write durably: <c>synchronous=FULL</c> is per connection,
    /// and with WAL it makes every commit reach the disk before it returns.
    /// </summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException)
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Releases the pooled connections, so the file is closed once the store is.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private Task MigrateAsync()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = OpenConnection();
        SqliteSchema.Migrate(connection, _logger);
        return Task.CompletedTask;
    }
}
