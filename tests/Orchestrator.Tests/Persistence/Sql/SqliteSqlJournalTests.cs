using Orchestrator.Actors.Persistence.Sql;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>The Akka journal contract on a SQLite file in a temporary directory.</summary>
public sealed class SqliteSqlJournalTests : SqlJournalContractTests
{
    private readonly TemporaryDirectory _directory;

    public SqliteSqlJournalTests(ITestOutputHelper output)
        : this(new TemporaryDirectory(), output)
    {
    }

    private SqliteSqlJournalTests(TemporaryDirectory directory, ITestOutputHelper output)
        : base(new JournalSettings(JournalProvider.Sqlite, directory.Path), output)
    {
        _directory = directory;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }
    }
}
