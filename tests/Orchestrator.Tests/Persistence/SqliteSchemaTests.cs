using Microsoft.Data.Sqlite;
using Orchestrator.Actors.Persistence.Sqlite;

namespace Orchestrator.Tests.Persistence;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "journal.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesVersionedSchemaInWalMode()
    {
        await using (var journal = new SqliteJournal(DatabasePath, TestSerializers.Default))
        {
            await journal.InitializeAsync();
        }

        Assert.Equal(1L, Scalar("PRAGMA user_version;"));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode;"));
        Assert.Equal(
            ["ordering", "persistence_id", "sequence_number", "created", "message", "manifest", "writer_uuid", "deleted", "identifier"],
            Columns("journal"));
        Assert.Equal(["persistence_id", "sequence_number", "created", "snapshot", "manifest"], Columns("snapshot"));
    }

    [Fact]
    public async Task InitializeAsync_JournalAndSnapshotStoreOnOneFile_MigrateOnce()
    {
        await using var journal = new SqliteJournal(DatabasePath, TestSerializers.Default);
        await using var snapshots = new SqliteSnapshotStore(DatabasePath, TestSerializers.Default);

        await Task.WhenAll(journal.InitializeAsync(), snapshots.InitializeAsync());

        Assert.Equal(1L, Scalar("PRAGMA user_version;"));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_RefusesTheFile()
    {
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        await using var journal = new SqliteJournal(DatabasePath, TestSerializers.Default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.InitializeAsync());
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private List<string> Columns(string table)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
