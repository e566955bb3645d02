using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Cli;
using Orchestrator.Tests.Persistence;
using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Tests.Cli;

/// <summary>The journal commands on a PostgreSQL journal: named by host and database, and never created.</summary>
[Collection(PostgresCollection.Name)]
public sealed class JournalCommandsPostgresTests(PostgresServerFixture postgres) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [PostgresFact]
    public async Task Ids_PreparedJournal_NamedByHostAndDatabase()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await JournalPersistence.PrepareAsync(new JournalSettings(JournalProvider.Postgres, _directory.Path, connectionString), NullLogger.Instance, CancellationToken.None);

        var (code, output, error) = await CliContextTests.RunAsync(Line("ids", connectionString));

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("no events in the journal", output.TrimEnd());
        Assert.Equal($"journal: postgres {builder.Host}/{builder.Database} (Orchestrator:Journal:ConnectionString from --Orchestrator:Journal:ConnectionString)", error.TrimEnd());
    }

    [PostgresFact]
    public async Task Ids_NoSuchDatabase_NotFoundSayingSo()
    {
        var connectionString = postgres.Server.ConnectionStringFor("never_created");

        var (code, _, error) = await CliContextTests.RunAsync(Line("ids", connectionString));

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("/never_created: no such database", error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Ids_DatabaseWithoutJournal_NotFoundAndNothingCreated()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var (code, _, error) = await CliContextTests.RunAsync(Line("ids", connectionString));

        Assert.True(code == ExitCodes.NotFound, error);
        Assert.Contains("holds no journal", error, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema();", connection);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    public void Dispose() => _directory.Dispose();

    private string[] Line(string command, string connectionString) =>
        ["journal", command, "--Orchestrator:Journal:Provider", "Postgres", $"--Orchestrator:Journal:ConnectionString={connectionString}", $"--Orchestrator:StateDir={_directory.Path}"];
}
