using System.Data.Common;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Reads the journal's rows directly, with no actor system: for <c>orchestrator journal</c> while
/// the server is down and for drills that compare the journal with the kernel. It reads the schema
/// the service writes, refuses one it does not know (<see cref="JournalSchemaException"/>), and
/// never migrates or writes.
/// </summary>
public sealed class JournalRows : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly EventSerializer _serializer;

    private JournalRows(DbConnection connection, EventSerializer serializer, string location)
    {
        _connection = connection;
        _serializer = serializer;
        Location = location;
    }

    /// <summary>The file, or host/database.</summary>
    public string Location { get; }

    /// <summary>Opens the journal <paramref name="settings"/> name for reading.</summary>
    /// <exception cref="JournalSchemaException">There is no journal there, or not one this build reads.</exception>
    public static async Task<JournalRows> OpenAsync(JournalSettings settings, EventManifestRegistry? registry = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = JournalSchemaStore.For(settings);
        var connection = await store.OpenForReadingAsync(ct).ConfigureAwait(false);
        return new JournalRows(connection, new EventSerializer(registry ?? EventSerialization.DefaultRegistry), store.Location);
    }

    /// <summary>Every persistence id with at least one stored event, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> PersistenceIdsAsync(CancellationToken ct = default)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT persistence_id FROM journal;";
        var ids = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>The events of <paramref name="persistenceId"/> that recovery replays, in order.</summary>
    /// <exception cref="EventSerializationException">A stored event cannot be read; the message names it.</exception>
    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(string persistenceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var command = ForPersistenceId("""
            SELECT sequence_number, created, manifest, message FROM journal
            WHERE persistence_id = @persistenceId AND NOT deleted
            ORDER BY sequence_number;
            """, persistenceId);

        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var sequenceNr = reader.GetInt64(0);
            var manifest = reader.GetString(2);
            var payload = Read(persistenceId, sequenceNr, manifest, (byte[])reader.GetValue(3));
            events.Add(new StoredEvent(persistenceId, sequenceNr, manifest, new DateTime(reader.GetInt64(1), DateTimeKind.Utc), payload));
        }

        return events;
    }

    /// <summary>
    /// The latest snapshot of <paramref name="persistenceId"/> (only the sandbox manager takes one), or
    /// null: recovery starts from it and replays only the events after its sequence number.
    /// </summary>
    /// <exception cref="EventSerializationException">The stored snapshot cannot be read; the message names it.</exception>
    public async Task<StoredSnapshot?> LatestSnapshotAsync(string persistenceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var command = ForPersistenceId("""
            SELECT sequence_number, manifest, snapshot FROM snapshot
            WHERE persistence_id = @persistenceId
            ORDER BY sequence_number DESC
            LIMIT 1;
            """, persistenceId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var sequenceNr = reader.GetInt64(0);
        var manifest = reader.GetString(1);
        return new StoredSnapshot(persistenceId, sequenceNr, manifest, Read(persistenceId, sequenceNr, manifest, (byte[])reader.GetValue(2)));
    }

    /// <summary>The highest sequence number stored for <paramref name="persistenceId"/> (deleted events count); 0 when none.</summary>
    public async Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var command = ForPersistenceId("SELECT coalesce(max(sequence_number), 0) FROM journal WHERE persistence_id = @persistenceId;", persistenceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private DbCommand ForPersistenceId(string sql, string persistenceId)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "persistenceId";
        parameter.Value = persistenceId;
        command.Parameters.Add(parameter);
        return command;
    }

    private object Read(string persistenceId, long sequenceNr, string manifest, byte[] message)
    {
        try
        {
            return _serializer.Deserialize(manifest, message);
        }
        catch (EventSerializationException ex)
        {
            throw new EventSerializationException($"Cannot read event {sequenceNr} of persistence id '{persistenceId}': {ex.Message}", ex);
        }
    }
}
