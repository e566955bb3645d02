using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Tests.Persistence;
using Orchestrator.TestKit.Postgres;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Sandboxes.Retention;

/// <summary>The sandbox manager's retention on a fresh database of the collection's throwaway PostgreSQL server.</summary>
[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSandboxManagerRetentionTests : SandboxManagerRetentionTests
{
    public PostgresSandboxManagerRetentionTests(PostgresServerFixture postgres, ITestOutputHelper output)
        : base(new JournalSettings(JournalProvider.Postgres, Path.GetTempPath(), CreateDatabase(postgres)), output)
    {
    }

    // A TestKit builds its actor system in the constructor, before any async set-up could run.
    private static string CreateDatabase(PostgresServerFixture postgres) => postgres.CreateDatabaseAsync().GetAwaiter().GetResult();
}
