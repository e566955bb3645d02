using Xunit;

namespace Orchestrator.TestKit.Postgres;

/// <summary>
/// One throwaway server shared by a test collection. Each test should take its own database
/// from <see cref="CreateDatabaseAsync"/> so tests never see each other's rows.
/// </summary>
/// <example>
/// <code>
/// [CollectionDefinition(Name)]
/// public sealed class PostgresCollection : ICollectionFixture&lt;PostgresServerFixture&gt; { public const string Name = "Postgres"; }
///
/// [Collection(PostgresCollection.Name)]
/// public sealed class MyTests(PostgresServerFixture postgres) { [PostgresFact] public async Task ... }
/// </code>
/// </example>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running server; throws where none could start (those tests are skipped anyway).</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException(
        PostgresServer.UnavailableReason ?? "The PostgreSQL test server has not been started.");

    /// <summary>A fresh database on the shared server.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        // Skipped tests still belong to the collection; starting nothing is what they need.
        if (PostgresServer.UnavailableReason is null)
        {
            _server = await PostgresServer.StartAsync().ConfigureAwait(false);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
