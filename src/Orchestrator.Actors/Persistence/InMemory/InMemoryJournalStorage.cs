using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.InMemory;

/// <summary>
/// The rows behind an <see cref="InMemoryJournal"/>, kept apart from it so a test can "restart"
/// a journal over the same data, the way a SQL journal is reopened over the same database.
/// </summary>
internal sealed class InMemoryJournalStorage
{
    private readonly Dictionary<string, SortedDictionary<long, StoredRow>> _rowsById = new(StringComparer.Ordinal);
    private long _ordering;

    /// <summary>Guards every access; the journal is called from many threads at once.</summary>
    public object Gate { get; } = new();

    /// <summary>Stores all rows of <paramref name="write"/> or, when a sequence number is taken, none.</summary>
    public bool TryAppend(SerializedAtomicWrite write)
    {
        var seen = new HashSet<long>();
        _rowsById.TryGetValue(write.PersistenceId, out var rows);
        foreach (var row in write.Events)
        {
            if (!seen.Add(row.SequenceNr) || (rows is not null && rows.ContainsKey(row.SequenceNr)))
            {
                return false;
            }
        }

        if (rows is null)
        {
            rows = [];
            _rowsById.Add(write.PersistenceId, rows);
        }

        foreach (var row in write.Events)
        {
            rows.Add(row.SequenceNr, new StoredRow(++_ordering, row, Deleted: false));
        }

        return true;
    }

    public IReadOnlyList<SerializedEvent> Read(string persistenceId, long fromSequenceNr, long toSequenceNr, long max)
    {
        if (max <= 0 || !_rowsById.TryGetValue(persistenceId, out var rows))
        {
            return [];
        }

        var result = new List<SerializedEvent>();
        foreach (var (sequenceNr, row) in rows)
        {
            if (sequenceNr < fromSequenceNr || row.Deleted)
            {
                continue;
            }

            if (sequenceNr > toSequenceNr || result.Count >= max)
            {
                break;
            }

            result.Add(row.Event);
        }

        return result;
    }

    public long HighestSequenceNr(string persistenceId) =>
        _rowsById.TryGetValue(persistenceId, out var rows) && rows.Count > 0 ? rows.Keys.Max() : 0;

    /// <summary>Marks rows deleted and drops them, keeping the highest row as a tombstone.</summary>
    public void DeleteTo(string persistenceId, long toSequenceNr)
    {
        if (!_rowsById.TryGetValue(persistenceId, out var rows) || rows.Count == 0)
        {
            return;
        }

        var highest = rows.Keys.Max();
        foreach (var sequenceNr in rows.Keys.Where(s => s <= toSequenceNr).ToList())
        {
            if (sequenceNr < highest)
            {
                rows.Remove(sequenceNr);
            }
            else
            {
                rows[sequenceNr] = rows[sequenceNr] with { Deleted = true };
            }
        }
    }

    public IReadOnlyList<string> PersistenceIds() =>
        [.. _rowsById.Keys.Order(StringComparer.Ordinal)];

    private sealed record StoredRow(long Ordering, SerializedEvent Event, bool Deleted);
}
