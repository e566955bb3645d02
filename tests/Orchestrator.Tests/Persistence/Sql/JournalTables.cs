using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>Plain SQL on a test's journal, for what the offline reader does not show: row counts per table and tag rows.</summary>
internal static class JournalTables
{
    /// <summary>How many rows of <paramref name="table"/> (journal, tags or snapshot) belong to <paramref name="persistenceId"/>.</summary>
    public static async Task<long> CountAsync(JournalSettings settings, string table, string persistenceId)
    {
        await using var connection = Connect(settings);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = table switch
        {
            "journal" or "tags" or "snapshot" => $"SELECT count(*) FROM {table} WHERE persistence_id = @persistenceId",
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a journal table"),
        };
        Add(command, "persistenceId", persistenceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Tags every stored event of <paramref name="persistenceId"/> the way the plugin's tag table holds tags.</summary>
    public static async Task TagAllAsync(JournalSettings settings, string persistenceId, string tag)
    {
        await using var connection = Connect(settings);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tags (ordering_id, tag, sequence_nr, persistence_id)
            SELECT ordering, @tag, sequence_number, persistence_id FROM journal WHERE persistence_id = @persistenceId
            """;
        Add(command, "tag", tag);
        Add(command, "persistenceId", persistenceId);
        await command.ExecuteNonQueryAsync();
    }

    private static DbConnection Connect(JournalSettings settings) => settings.Provider == JournalProvider.Postgres
        ? new NpgsqlConnection(settings.EffectiveConnectionString)
        : new SqliteConnection(settings.EffectiveConnectionString);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
