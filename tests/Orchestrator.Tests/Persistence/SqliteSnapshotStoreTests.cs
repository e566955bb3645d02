using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sqlite;

namespace Orchestrator.Tests.Persistence;

/// <summary>The snapshot conformance suite against <see cref="SqliteSnapshotStore"/>, one file per test.</summary>
public sealed class SqliteSnapshotStoreTests : SnapshotStoreConformanceTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override async Task<ISnapshotStore> OpenStoreAsync(EventSerializer serializer)
    {
        var store = new SqliteSnapshotStore(Path.Combine(_directory.Path, "journal.db"), serializer);
        await store.InitializeAsync();
        return store;
    }

    protected override Task DeleteStorageAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
