using System.Globalization;
using Npgsql;

namespace Orchestrator.TestKit.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, listening
/// only on a unix socket in that folder (no TCP port to collide on), stopped and deleted on
/// dispose. The server refuses to run as root, so as root it runs as the <c>postgres</c> user.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const int ReadinessAttempts = 100;
    private static readonly TimeSpan ReadinessInterval = TimeSpan.FromMilliseconds(100);
    private static readonly Lazy<string?> Unavailable = new(FindUnavailableReason);

    private readonly string _binDirectory;
    private readonly string _root;
    private int _databaseCounter;
    private bool _started;

    private PostgresServer(string binDirectory, string root)
    {
        _binDirectory = binDirectory;
        _root = root;
    }

    /// <summary>Why no server can be started here, or <c>null</c> when one can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>The folder holding the socket; Npgsql's <c>Host</c> for this server.</summary>
    public string SocketDirectory => _root;

    /// <summary>The database created at start.</summary>
    public string ConnectionString => ConnectionStringFor("orchestrator");

    /// <summary>Creates a fresh cluster and starts it; throws with the server's log when it does not come up.</summary>
    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(durable: false, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(CancellationToken)"/>; with <paramref name="durable"/> the server flushes every commit
    /// to disk as a production server does (fsync, synchronous commit, full page writes), for benchmarks.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var root = Path.Combine(Path.GetTempPath(), "orchestrator-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(FindBinDirectory()!, root);
        try
        {
            await server.InitializeClusterAsync(cancellationToken).ConfigureAwait(false);
            await server.StartServerAsync(durable, cancellationToken).ConfigureAwait(false);
            await server.CreateDatabaseAsync("orchestrator", cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch (Exception)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _root,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        // Tests open a pool per database; keep each small so many databases fit the server.
        MaxPoolSize = 20,
    }.ToString();

    /// <summary>Creates a new, empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "test_" + Interlocked.Increment(ref _databaseCounter).ToString(CultureInfo.InvariantCulture);
        await CreateDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server at once (nothing in it is worth a clean shutdown) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        if (_started)
        {
            _started = false;
            try
            {
                await RunAsPostgresAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex);
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException ex)
        {
            failures.Add(ex);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Stopping the test PostgreSQL server in {_root} failed.", failures);
        }
    }

    private string DataDirectory => Path.Combine(_root, "data");

    // Unpooled, so the server's own housekeeping leaves no idle connection behind that would
    // outlive it in Npgsql's process-wide pools.
    private string AdminConnectionString => new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false }.ToString();

    private async Task InitializeClusterAsync(CancellationToken cancellationToken)
    {
        if (RunsAsRoot)
        {
            await RunAsync("chown", [$"{SuperUser}:{SuperUser}", _root], cancellationToken).ConfigureAwait(false);
        }

        await RunAsPostgresAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            cancellationToken).ConfigureAwait(false);
    }

    private async Task StartServerAsync(bool durable, CancellationToken cancellationToken)
    {
        // No TCP listener: the socket lives in our folder, so parallel servers never collide.
        // fsync is off unless asked for because a crashed test server is thrown away anyway.
        var flushing = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var options = $"-k {_root} -c listen_addresses=''{flushing} -c max_connections=200";
        await RunAsPostgresAsync(
            Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"],
            cancellationToken).ConfigureAwait(false);
        _started = true;
        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        NpgsqlException? last = null;
        for (var attempt = 0; attempt < ReadinessAttempts; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException ex)
            {
                last = ex;
            }

            await Task.Delay(ReadinessInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"PostgreSQL in {_root} did not accept connections: {ReadLog()}", last);
    }

    private async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private string ReadLog()
    {
        var log = Path.Combine(_root, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
    }
}
