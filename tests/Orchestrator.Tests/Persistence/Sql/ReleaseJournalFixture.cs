using Akka.Actor;
using Microsoft.Data.Sqlite;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Persistence.Sqlite;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>The journal the release before Akka.NET wrote, and what that release's own reader makes of it.</summary>
public static class ReleaseJournalFixture
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-before-akka.db");

    /// <summary>A copy of the fixture as the SQLite journal of a state directory <paramref name="stateDir"/>.</summary>
    public static JournalSettings CopyTo(string stateDir)
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, stateDir);
        Directory.CreateDirectory(stateDir);
        File.Copy(Path, settings.DatabasePath);
        return settings;
    }

    /// <summary>Every persistence id's events as the release's journal replays them from <paramref name="copy"/>, as <see cref="HistoryActor.Line"/>s.</summary>
    public static async Task<IReadOnlyDictionary<string, List<string>>> ReadWithReleaseJournalAsync(string copy, ActorSystem system)
    {
        var serializer = new EventJsonSerializer((ExtendedActorSystem)system, EventSerialization.DefaultRegistry);
        await using var journal = new SqliteJournal(copy, new EventSerializer(EventSerialization.DefaultRegistry));
        await journal.InitializeAsync();
        var histories = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in await journal.CurrentPersistenceIdsAsync())
        {
            var events = histories[id] = [];
            await journal.ReplayMessagesAsync(id, 1, long.MaxValue, long.MaxValue, p => events.Add(HistoryActor.Line(serializer, p.SequenceNr, p.Payload)));
        }

        return histories;
    }

    /// <summary>The fixture's journal rows as stored, column for column, to load into another store.</summary>
    public static IReadOnlyList<(string PersistenceId, long SequenceNr, long Created, byte[] Message, string Manifest, string WriterUuid)> Rows()
    {
        using var connection = new SqliteConnection(JournalSettings.SqliteConnectionString(Path, create: false) + ";Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, created, message, manifest, writer_uuid FROM journal ORDER BY ordering;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long, byte[], string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), (byte[])reader.GetValue(3), reader.GetString(4), reader.GetString(5)));
        }

        return rows;
    }
}
