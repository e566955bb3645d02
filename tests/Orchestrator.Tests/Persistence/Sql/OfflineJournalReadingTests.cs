using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// What <c>orchestrator journal ids|show|plan</c> and the drills read with the server down:
/// <see cref="JournalRows"/> under <see cref="SandboxJournalReader"/>, over the release's journal
/// as it was left and after the upgrade, giving what the release's own reader gives.
/// </summary>
public sealed class OfflineJournalReadingTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_ReleaseJournal_SameIdsViewsAndPlansAsTheReleaseReader(bool upgraded)
    {
        var settings = CopyFixture(upgraded ? "upgraded" : "as-left");
        if (upgraded)
        {
            await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);
        }

        var release = ReleaseJournalFixture.Payloads();
        await using var rows = await JournalRows.OpenAsync(settings);

        Assert.Equal(ReleaseJournalFixture.PersistenceIds(), await rows.PersistenceIdsAsync());
        var registered = await SandboxJournalReader.RegisteredAsync(rows);
        Assert.Equal(await SandboxJournalReader.RegisteredAsync(release, CancellationToken.None), registered);
        Assert.Equal(["s1", "s2"], registered.Keys);
        foreach (var sandboxId in registered.Keys)
        {
            var view = await SandboxJournalReader.ReadAsync(rows, sandboxId);
            var expected = await SandboxJournalReader.ReadAsync(release, sandboxId, CancellationToken.None);
            Assert.NotNull(view);
            Assert.Equal(expected!.Containers.Keys, view.Containers.Keys);
            Assert.Equal(CleanupPlan.For(expected, destroy: true), CleanupPlan.For(view, destroy: true));
        }
    }

    [Fact]
    public async Task ReadAsync_SandboxWithReadOnlyVolumeAndHotAddedPath_FoldsEveryResource()
    {
        await using var rows = await JournalRows.OpenAsync(CopyFixture("fold"));

        var view = await SandboxJournalReader.ReadAsync(rows, "s1");

        Assert.NotNull(view);
        Assert.Equal(["c1", "c2"], view.Containers.Keys);
        var c1 = view.Containers["c1"].Resources;
        Assert.Contains(c1, r => r.ReadOnly && r.ContainerPath == "/data");
        Assert.Contains(c1, r => r.ContainerPath == "/hot");
        Assert.Null(await SandboxJournalReader.ReadAsync(rows, "never"));
    }

    [Fact]
    public async Task EventsAsync_Sandbox_InOrderWithManifestsAndUtcTimes()
    {
        await using var rows = await JournalRows.OpenAsync(CopyFixture("events"));

        var events = await SandboxJournalReader.ReadEventsAsync(rows, SandboxSupervisor.PersistenceIdFor("s1", 1));

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.SequenceNr));
        Assert.Equal("sandbox.create-requested.v1", events[0].Manifest);
        Assert.IsType<SandboxCreateRequested>(events[0].Payload);
        Assert.All(events, e => Assert.Equal(DateTimeKind.Utc, e.Timestamp.Kind));
        Assert.Equal(events.Count, await rows.HighestSequenceNrAsync(SandboxSupervisor.PersistenceIdFor("s1", 1)));
        Assert.Empty(await rows.EventsAsync("nobody"));
    }

    [Fact]
    public async Task OpenAsync_NoFile_FailsWithoutCreatingOne()
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, Path.Combine(_directory.Path, "missing"));

        var error = await Assert.ThrowsAsync<JournalSchemaException>(() => JournalRows.OpenAsync(settings));

        Assert.Contains(settings.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.True(error.Missing);
        Assert.False(File.Exists(settings.DatabasePath));
    }

    [Fact]
    public async Task OpenAsync_EmptyFile_MissingAndTheFileLeftAsItWas()
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, _directory.Path);
        await File.WriteAllBytesAsync(settings.DatabasePath, []);

        var error = await Assert.ThrowsAsync<JournalSchemaException>(() => JournalRows.OpenAsync(settings));

        Assert.True(error.Missing);
        Assert.Contains("holds no journal", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(settings.DatabasePath).Length);
        Assert.Equal(["journal.db"], Directory.EnumerateFileSystemEntries(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task OpenForReadingAsync_Sqlite_ConnectionRefusesWrites()
    {
        var settings = CopyFixture("read-only");

        await using var connection = await JournalSchemaStore.For(settings).OpenForReadingAsync(CancellationToken.None);
        await using var write = connection.CreateCommand();
        write.CommandText = "CREATE TABLE written_by_a_reader (x INTEGER);";

        var error = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync());
        Assert.Equal(8, error.SqliteErrorCode); // SQLITE_READONLY
    }

    [Fact]
    public async Task OpenAsync_JournalOfAStoppedServer_ReadsWithoutWriting()
    {
        var settings = CopyFixture("stopped");
        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(settings.DatabasePath);

        await using (var rows = await JournalRows.OpenAsync(settings))
        {
            Assert.Equal(ReleaseJournalFixture.PersistenceIds(), await rows.PersistenceIdsAsync());
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(settings.DatabasePath));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private JournalSettings CopyFixture(string name) => ReleaseJournalFixture.CopyTo(Path.Combine(_directory.Path, name));
}
