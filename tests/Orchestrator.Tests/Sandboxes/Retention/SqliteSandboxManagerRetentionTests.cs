using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Tests.Persistence;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Sandboxes.Retention;

/// <summary>The sandbox manager's retention on a SQLite file in a temporary directory.</summary>
public sealed class SqliteSandboxManagerRetentionTests : SandboxManagerRetentionTests
{
    private readonly TemporaryDirectory _directory;

    public SqliteSandboxManagerRetentionTests(ITestOutputHelper output)
        : this(new TemporaryDirectory(), output)
    {
    }

    private SqliteSandboxManagerRetentionTests(TemporaryDirectory directory, ITestOutputHelper output)
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
