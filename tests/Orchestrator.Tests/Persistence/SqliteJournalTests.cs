using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sqlite;

namespace Orchestrator.Tests.Persistence;

/// <summary>The journal conformance suite against <see cref="SqliteJournal"/>, one database file per test.</summary>
public sealed class SqliteJournalTests : JournalConformanceTests
{
    private readonly TemporaryDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "state", "journal.db");

    protected override async Task<IJournal> OpenJournalAsync(EventSerializer serializer)
    {
        var journal = new SqliteJournal(DatabasePath, serializer);
        await journal.InitializeAsync();
        return journal;
    }

    protected override Task DeleteStorageAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
