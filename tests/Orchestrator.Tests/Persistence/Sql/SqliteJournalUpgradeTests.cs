using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// The journal the release before Akka.NET wrote (Fixtures/journal-before-akka.db: 3 sandboxes,
/// 4 containers with a read-only volume, a hot-added path and a loop device, one container and one
/// sandbox destroyed), upgraded in place by <see cref="JournalPersistence.PrepareAsync(JournalSettings, ILogger, CancellationToken)"/>.
/// </summary>
public sealed class SqliteJournalUpgradeTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO"), "upgrade", output), IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Prepare_ReleaseJournal_EveryPersistenceIdRecoversTheEventsTheReleaseReads()
    {
        var expected = ReleaseJournalFixture.ReadAsReleased(Sys);
        var settings = CopyFixture("upgraded");

        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);

        var system = ActorSystem.Create("upgraded", JournalPersistence.CreateSetup(settings));
        try
        {
            var probe = CreateTestProbe(system);
            foreach (var (persistenceId, events) in expected)
            {
                system.ActorOf(HistoryActor.Props(persistenceId)).Tell(new HistoryActor.Read(), probe.Ref);
                Assert.Equal(events, probe.ExpectMsg<string[]>(Patience));
            }
        }
        finally
        {
            await system.Terminate();
        }

        Assert.Equal(8, expected.Count);
        Assert.Equal(111, expected.Values.Sum(e => e.Count));
    }

    [Fact]
    public async Task Prepare_Twice_MigratesOnceAndThenFindsNothingToDo()
    {
        var settings = CopyFixture("twice");
        using var first = new CapturingLoggerFactory();
        using var second = new CapturingLoggerFactory();

        await JournalPersistence.PrepareAsync(settings, first.CreateLogger("journal"), CancellationToken.None);
        await JournalPersistence.PrepareAsync(settings, second.CreateLogger("journal"), CancellationToken.None);

        var applied = first.Entries.Where(e => e.EventId.Id == 3201).Select(e => e.Property("ToVersion")).ToList();
        Assert.Equal(new object?[] { 2, 3 }, applied);
        var upgraded = Assert.Single(first.Entries, e => e.EventId.Id == 3202);
        Assert.Equal(1, upgraded.Property("FromVersion"));
        Assert.Equal(3, upgraded.Property("ToVersion"));
        Assert.DoesNotContain(second.Entries, e => e.EventId.Id is 3201 or 3202);
        Assert.Single(second.Entries, e => e.EventId.Id == 3203);
        Assert.Equal(3L, Scalar(settings, "PRAGMA user_version;"));
        Assert.Equal("wal", Scalar(settings, "PRAGMA journal_mode;"));
        Assert.Equal(0L, Scalar(settings, "SELECT count(*) FROM journal WHERE identifier IS NOT 4711;"));
    }

    [Fact]
    public async Task Persist_AfterUpgrade_AppendsAfterTheReleaseEvents()
    {
        var settings = CopyFixture("append");
        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);
        var sandbox = SandboxSupervisor.PersistenceIdFor("s1", 1);
        var oldOrdering = (long)Scalar(settings, "SELECT max(ordering) FROM journal;")!;

        var system = ActorSystem.Create("append", JournalPersistence.CreateSetup(settings));
        try
        {
            var probe = CreateTestProbe(system);
            system.ActorOf(HistoryActor.Props(sandbox)).Tell(new HistoryActor.Append(new SandboxDestroyStarted("upgrade test")), probe.Ref);
            Assert.Equal(19L, probe.ExpectMsg<long>(Patience));
        }
        finally
        {
            await system.Terminate();
        }

        await using var rows = await JournalRows.OpenAsync(settings);
        var events = await rows.EventsAsync(sandbox);
        Assert.Equal(Enumerable.Range(1, 19).Select(i => (long)i), events.Select(e => e.SequenceNr));
        Assert.Equal("sandbox.destroy-started.v1", events[^1].Manifest);
        Assert.True((long)Scalar(settings, "SELECT max(ordering) FROM journal;")! > oldOrdering);
    }

    public static TheoryData<string, string, string> Unreadable { get; } = new()
    {
        { "newer", "PRAGMA user_version = 4;", "schema version 4 was written by a newer release" },
        { "unknown-manifest", "INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES ('sandboxes', 99, 0, X'7B7D', 'sandboxes.renamed.v9', 'w');", "manifest 'sandboxes.renamed.v9'" },
        { "missing-table", "DROP TABLE snapshot;", "table snapshot missing" },
        { "no-version", "PRAGMA user_version = 0;", "no schema version" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task Prepare_JournalThisBuildCannotRead_FailsWithOneLineNamingFileAndReason(string name, string damage, string reason)
    {
        var settings = CopyFixture(name);
        Execute(settings, damage);
        var version = Scalar(settings, "PRAGMA user_version;");

        var error = await Assert.ThrowsAsync<JournalSchemaException>(() => JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None));

        Assert.Contains(settings.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        // Nothing of the upgrade was kept: same version, no step's table.
        Assert.Equal(version, Scalar(settings, "PRAGMA user_version;"));
        Assert.Equal(0L, Scalar(settings, "SELECT count(*) FROM sqlite_master WHERE name = 'tags';"));
    }

    [Fact]
    public async Task Prepare_NotADatabase_FailsWithOneLine()
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, Path.Combine(_directory.Path, "corrupt"));
        Directory.CreateDirectory(settings.StateDir);
        await File.WriteAllTextAsync(settings.DatabasePath, new string('x', 4096));

        var error = await Assert.ThrowsAsync<JournalSchemaException>(() => JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None));

        Assert.Contains(settings.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task OpenRows_NewerJournal_RefusesWithTheSameError()
    {
        var settings = CopyFixture("newer-offline");
        Execute(settings, "PRAGMA user_version = 4;");

        var error = await Assert.ThrowsAsync<JournalSchemaException>(() => JournalRows.OpenAsync(settings));

        Assert.Contains("newer release", error.Message, StringComparison.Ordinal);
    }

    public new void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        base.Dispose();
    }

    private JournalSettings CopyFixture(string name) => ReleaseJournalFixture.CopyTo(Path.Combine(_directory.Path, name));

    private static void Execute(JournalSettings settings, string sql)
    {
        using var connection = new SqliteConnection(JournalSettings.SqliteConnectionString(settings.DatabasePath, create: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(JournalSettings settings, string sql)
    {
        using var connection = new SqliteConnection(JournalSettings.SqliteConnectionString(settings.DatabasePath, create: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
