using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Postgres;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// The journal conformance suite against <see cref="PostgresJournal"/>: one database per test on
/// the collection's throwaway server; a restart disposes the journal's connection pool.
/// </summary>
[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalTests : JournalConformanceTests
{
    private readonly PostgresServerFixture _postgres;
    private string? _connectionString;

    public PostgresJournalTests(PostgresServerFixture postgres) => _postgres = postgres;

    protected override async Task CreateStorageAsync() => _connectionString = await _postgres.CreateDatabaseAsync();

    protected override async Task<IJournal> OpenJournalAsync(EventSerializer serializer)
    {
        var journal = new PostgresJournal(_connectionString!, serializer);
        await journal.InitializeAsync();
        return journal;
    }
}
