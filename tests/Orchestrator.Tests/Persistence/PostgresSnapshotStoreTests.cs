using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Postgres;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Tests.Persistence;

/// <summary>The snapshot conformance suite against <see cref="PostgresSnapshotStore"/>, one database per test.</summary>
[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSnapshotStoreTests : SnapshotStoreConformanceTests
{
    private readonly PostgresServerFixture _postgres;
    private string? _connectionString;

    public PostgresSnapshotStoreTests(PostgresServerFixture postgres) => _postgres = postgres;

    protected override async Task CreateStorageAsync() => _connectionString = await _postgres.CreateDatabaseAsync();

    protected override async Task<ISnapshotStore> OpenStoreAsync(EventSerializer serializer)
    {
        var store = new PostgresSnapshotStore(_connectionString!, serializer);
        await store.InitializeAsync();
        return store;
    }
}
