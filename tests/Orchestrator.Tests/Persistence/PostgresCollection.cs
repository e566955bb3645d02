using Orchestrator.TestKit.Postgres;

namespace Orchestrator.Tests.Persistence;

/// <summary>The test classes that share one throwaway PostgreSQL server; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "Postgres";
}
