using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.TestKit.Postgres;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>The Akka journal contract on a fresh database of the collection's throwaway PostgreSQL server.</summary>
[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSqlJournalTests : SqlJournalContractTests
{
    public PostgresSqlJournalTests(PostgresServerFixture postgres, ITestOutputHelper output)
        : base(new JournalSettings(JournalProvider.Postgres, Path.GetTempPath(), CreateDatabase(postgres)), output)
    {
    }

    // A TestKit builds its actor system in the constructor, before any async set-up could run.
    private static string CreateDatabase(PostgresServerFixture postgres) => postgres.CreateDatabaseAsync().GetAwaiter().GetResult();
}
