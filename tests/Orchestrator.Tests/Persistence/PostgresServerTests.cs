using Npgsql;
using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests
{
    private readonly PostgresServerFixture _postgres;

    public PostgresServerTests(PostgresServerFixture postgres) => _postgres = postgres;

    [PostgresFact]
    public async Task CreateDatabaseAsync_RunningServer_ReturnsAnEmptyDatabaseThatAcceptsConnections()
    {
        var connectionString = await _postgres.CreateDatabaseAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public';", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        Assert.StartsWith("/", _postgres.Server.SocketDirectory, StringComparison.Ordinal);
    }
}
