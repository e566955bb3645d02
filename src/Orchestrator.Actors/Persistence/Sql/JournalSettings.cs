using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Where the journal and snapshot store live and how they are tuned: what
/// <c>Orchestrator:Journal:Provider</c>, <c>Orchestrator:Journal:ConnectionString</c> and
/// <c>Orchestrator:StateDir</c> say.
/// </summary>
/// <param name="Provider">SQLite (embedded, the default) or PostgreSQL.</param>
/// <param name="StateDir">The durable state directory; the SQLite file is <c>&lt;StateDir&gt;/journal.db</c>.</param>
/// <param name="ConnectionString">The PostgreSQL connection string; required with <see cref="JournalProvider.Postgres"/>.</param>
public sealed record JournalSettings(JournalProvider Provider, string StateDir, string? ConnectionString = null)
{
    /// <summary>
    /// Connections one process may hold to PostgreSQL unless the connection string says otherwise.
    /// Npgsql's default of 100 equals the server's default <c>max_connections</c>, so two processes
    /// (the service and an operator's <c>orchestrator journal</c>) could take every slot and make
    /// every write fail; the journal never needs more than a handful at once.
    /// </summary>
    public const int DefaultPostgresPoolSize = 20;

    /// <summary>
    /// Whether SQLite writes are batched into one transaction per group (the default). Off gives
    /// Akka.Persistence.Sql's stock behaviour on Microsoft.Data.Sqlite, one transaction per event,
    /// which only benchmarks want.
    /// </summary>
    public bool GroupCommit { get; init; } = true;

    /// <summary>The SQLite file.</summary>
    public string DatabasePath => Path.Combine(StateDir, "journal.db");

    /// <summary>Where the journal is, for messages: the file, or host/database (never credentials).</summary>
    public string Location => Provider == JournalProvider.Postgres
        ? DescribePostgres(ConnectionString)
        : DatabasePath;

    /// <summary>The connection string handed to the journal for the configured provider.</summary>
    public string EffectiveConnectionString => Provider == JournalProvider.Postgres
        ? PostgresConnectionString()
        : SqliteConnectionString(DatabasePath, create: true);

    /// <summary>linq2db's provider name for the configured provider.</summary>
    public string ProviderName => Provider == JournalProvider.Postgres
        ? LinqToDB.ProviderName.PostgreSQL15
        : LinqToDB.ProviderName.SQLiteMS;

    /// <summary>A SQLite connection string for <paramref name="path"/>; without <paramref name="create"/> a missing file is an error.</summary>
    public static string SqliteConnectionString(string path, bool create) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        Pooling = true,
        // Also SQLite's busy timeout: how long a second process's writer waits for the lock.
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>A SQLite connection string that opens an existing <paramref name="path"/> for reading only.</summary>
    public static string SqliteReadOnlyConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private string PostgresConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("The PostgreSQL journal needs Orchestrator:Journal:ConnectionString.");
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!ConnectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !ConnectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
            && !ConnectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        return builder.ConnectionString;
    }

    private static string DescribePostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "(no connection string)";
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}/{builder.Database}";
    }
}
