using System.Data.Common;
using Akka.Actor;
using Akka.Persistence;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Every history the journal held when the process started, read in one ordered scan and handed
/// out once per persistence id, so that recovering thousands of actors costs one query instead of
/// a highest-sequence-number query and a streamed replay (each in its own transaction) per actor.
/// </summary>
/// <remarks>
/// The scan answers only for a persistence id that nothing has written or deleted since the
/// process started and that has not been replayed from it before; anything else (a new id, an
/// actor restarted after it wrote) goes to the database as usual. An id the scan did not find is
/// also left to the database: a history whose rows were all deleted may still hold its highest
/// sequence number elsewhere, and a new actor must never reuse one.
/// </remarks>
internal sealed class StartupReplayCache
{
    private readonly Func<DbConnection> _connect;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _passedOver = new(StringComparer.Ordinal);
    private Task<Dictionary<string, History>>? _scan;

    public StartupReplayCache(Func<DbConnection> connect) => _connect = connect;

    /// <summary>Ids passed over while the scan was running and not yet dropped from its result.</summary>
    internal int PassedOverPending
    {
        get
        {
            lock (_gate)
            {
                return _passedOver.Count;
            }
        }
    }

    /// <summary>Builds the cache for an Akka.Persistence.Sql plugin section, or null when its provider is not read directly.</summary>
    public static StartupReplayCache? For(Akka.Configuration.Config pluginConfig) =>
        PluginConnections.For(pluginConfig) is { } connect ? new StartupReplayCache(connect) : null;

    /// <summary>A write or delete of <paramref name="persistenceId"/> is about to happen: the scan no longer speaks for it.</summary>
    public void PassOver(string persistenceId)
    {
        lock (_gate)
        {
            // Once the scan is in, dropping the id's rows is all it takes; remembering the id as well
            // would keep every id written since start for the life of the process.
            if (_scan is { IsCompletedSuccessfully: true } scan)
            {
                scan.Result.Remove(persistenceId);
                return;
            }

            _passedOver.Add(persistenceId);
        }
    }

    /// <summary>The highest sequence number stored for <paramref name="persistenceId"/> at start-up, or null to ask the database.</summary>
    public async Task<long?> HighestSequenceNrAsync(string persistenceId)
    {
        var history = await FindAsync(persistenceId, take: false).ConfigureAwait(false);
        return history?.Highest;
    }

    /// <summary>
    /// Replays <paramref name="persistenceId"/> from the scan and forgets it there; false when the
    /// database must answer instead.
    /// </summary>
    public async Task<bool> TryReplayAsync(
        ActorSystem system, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var history = await FindAsync(persistenceId, take: true).ConfigureAwait(false);
        if (history is null)
        {
            return false;
        }

        var replayed = 0L;
        foreach (var row in history.Rows)
        {
            if (replayed >= max || row.SequenceNr > toSequenceNr)
            {
                break;
            }

            if (row.SequenceNr < fromSequenceNr || row.Deleted)
            {
                continue;
            }

            var payload = system.Serialization.Deserialize(row.Message, row.SerializerId, row.Manifest);
            recoveryCallback(new Akka.Persistence.Persistent(payload, row.SequenceNr, persistenceId, row.Manifest, false, ActorRefs.NoSender, row.WriterUuid, row.Timestamp));
            replayed++;
        }

        return true;
    }

    private async Task<History?> FindAsync(string persistenceId, bool take)
    {
        lock (_gate)
        {
            if (_passedOver.Contains(persistenceId))
            {
                return null;
            }

            _scan ??= Task.Run(ScanAsync);
        }

        var histories = await _scan.ConfigureAwait(false);
        lock (_gate)
        {
            // Written or deleted while the scan ran: the scan does not speak for them.
            foreach (var passedOver in _passedOver)
            {
                histories.Remove(passedOver);
            }

            _passedOver.Clear();
            if (!histories.TryGetValue(persistenceId, out var history))
            {
                return null;
            }

            if (take)
            {
                // Once replayed, the actor owns the history: a later recovery of the same id (a
                // restart after it wrote) must read what the database has by then.
                histories.Remove(persistenceId);
            }

            return history;
        }
    }

    private async Task<Dictionary<string, History>> ScanAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var histories = new Dictionary<string, History>(StringComparer.Ordinal);
        var connection = _connect();
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // Deleted rows count for the highest sequence number (Akka.Persistence.Sql keeps the
                // highest one marked deleted for exactly that) but are never replayed.
                command.CommandText =
                    "SELECT persistence_id, sequence_number, deleted, message, manifest, identifier, writer_uuid, created " +
                    "FROM journal ORDER BY persistence_id, sequence_number";
                var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    History? current = null;
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        var persistenceId = reader.GetString(0);
                        if (current is null || !string.Equals(current.PersistenceId, persistenceId, StringComparison.Ordinal))
                        {
                            current = new History(persistenceId);
                            histories[persistenceId] = current;
                        }

                        if (reader.IsDBNull(5))
                        {
                            // A row without a serializer id cannot be read here; the database path
                            // reports it properly.
                            current.Unreadable = true;
                            continue;
                        }

                        current.Rows.Add(new Row(
                            reader.GetInt64(1),
                            reader.GetBoolean(2),
                            (byte[])reader.GetValue(3),
                            reader.IsDBNull(4) ? string.Empty : reader.GetString(4),
                            reader.GetInt32(5),
                            reader.IsDBNull(6) ? string.Empty : reader.GetString(6),
                            reader.GetInt64(7)));
                    }
                }
            }
        }

        foreach (var unreadable in histories.Values.Where(h => h.Unreadable).ToList())
        {
            histories.Remove(unreadable.PersistenceId);
        }

        Metrics.OrchestratorMetrics.JournalStartupScanSeconds.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return histories;
    }

    private sealed class History(string persistenceId)
    {
        public string PersistenceId { get; } = persistenceId;

        public List<Row> Rows { get; } = [];

        public bool Unreadable { get; set; }

        public long Highest => Rows.Count == 0 ? 0 : Rows[^1].SequenceNr;
    }

    private sealed record Row(long SequenceNr, bool Deleted, byte[] Message, string Manifest, int SerializerId, string WriterUuid, long Timestamp);
}
