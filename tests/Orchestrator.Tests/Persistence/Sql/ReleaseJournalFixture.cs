using Akka.Actor;
using Microsoft.Data.Sqlite;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;

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

    /// <summary>
    /// Every persistence id's events read straight from the fixture's rows with the release's JSON
    /// codec (no journal, no actor), as <see cref="HistoryActor.Line"/>s: what the release replayed.
    /// </summary>
    public static IReadOnlyDictionary<string, List<string>> ReadAsReleased(ActorSystem system)
    {
        var serializer = new EventJsonSerializer((ExtendedActorSystem)system, EventSerialization.DefaultRegistry);
        var codec = new EventSerializer(EventSerialization.DefaultRegistry);
        var histories = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in Rows().OrderBy(r => r.PersistenceId, StringComparer.Ordinal).ThenBy(r => r.SequenceNr))
        {
            if (!histories.TryGetValue(row.PersistenceId, out var events))
            {
                histories[row.PersistenceId] = events = [];
            }

            events.Add(HistoryActor.Line(serializer, row.SequenceNr, codec.Deserialize(row.Manifest, row.Message)));
        }

        return histories;
    }

    /// <summary>The fixture's events by persistence id, decoded from its rows, for <see cref="SandboxJournalReader"/>'s fold.</summary>
    internal static SandboxJournalReader.PayloadReader Payloads()
    {
        var codec = new EventSerializer(EventSerialization.DefaultRegistry);
        var rows = Rows();
        return (persistenceId, _) => Task.FromResult<IEnumerable<object>>(rows
            .Where(r => r.PersistenceId == persistenceId)
            .OrderBy(r => r.SequenceNr)
            .Select(r => codec.Deserialize(r.Manifest, r.Message))
            .ToList());
    }

    /// <summary>The persistence ids of the fixture, ordered.</summary>
    public static IReadOnlyList<string> PersistenceIds() =>
        [.. Rows().Select(r => r.PersistenceId).Distinct().Order(StringComparer.Ordinal)];

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
