using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// The start-up scan speaks only for histories nothing has touched since start, and keeps nothing
/// for the ids written afterwards.
/// </summary>
public sealed class StartupReplayCacheTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-cache-").FullName;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, _dir);
        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);
        _connectionString = settings.EffectiveConnectionString;
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid, identifier)
            VALUES ('a', 1, 0, x'7b7d', 'm', 'w', 4711), ('a', 2, 0, x'7b7d', 'm', 'w', 4711), ('b', 1, 0, x'7b7d', 'm', 'w', 4711);
            """;
        await insert.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PassOver_BeforeAndAfterTheScan_TheScanNoLongerAnswersForThoseIds()
    {
        var cache = new StartupReplayCache(() => new SqliteConnection(_connectionString));

        cache.PassOver("b");
        var a = await cache.HighestSequenceNrAsync("a");
        var b = await cache.HighestSequenceNrAsync("b");
        cache.PassOver("a");
        var aAfter = await cache.HighestSequenceNrAsync("a");

        Assert.Equal(2, a);
        Assert.Null(b);
        Assert.Null(aAfter);
    }

    [Fact]
    public async Task PassOver_ManyIdsWrittenAfterTheScan_NothingKeptForThem()
    {
        var cache = new StartupReplayCache(() => new SqliteConnection(_connectionString));
        Assert.Equal(2, await cache.HighestSequenceNrAsync("a"));

        for (var i = 0; i < 1000; i++)
        {
            cache.PassOver($"container/s{i}/1/c1/{i}");
        }

        Assert.Equal(0, cache.PassedOverPending);
        Assert.Equal(1, await cache.HighestSequenceNrAsync("b"));
    }
}
