using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.InMemory;

/// <summary>
/// A thread-safe journal in memory, for tests. It stores serialized rows, not the event objects,
/// so it rejects and replays exactly what the SQL journals would.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly EventSerializer _serializer;
    private readonly InMemoryJournalStorage _storage;
    private volatile bool _disposed;

    /// <summary>An empty journal that serializes through <paramref name="serializer"/>.</summary>
    public InMemoryJournal(EventSerializer serializer)
        : this(serializer, new InMemoryJournalStorage())
    {
    }

    internal InMemoryJournal(EventSerializer serializer, InMemoryJournalStorage storage)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        _storage = storage;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = PreparedWrites.Prepare(writes, _serializer);
        lock (_storage.Gate)
        {
            for (var i = 0; i < prepared.Writes.Length; i++)
            {
                var write = prepared.Writes[i];
                if (write is not null && !_storage.TryAppend(write))
                {
                    prepared.Results[i] = write.Conflict();
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(prepared.Results);
    }

    /// <inheritdoc />
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onReplayed);
        ThrowIfDisposed();
        IReadOnlyList<SerializedEvent> rows;
        lock (_storage.Gate)
        {
            rows = _storage.Read(persistenceId, fromSequenceNr, toSequenceNr, max);
        }

        // The callback runs outside the lock: it may call back into the journal.
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onReplayed(_serializer.DeserializeEvent(row.PersistenceId, row.SequenceNr, row.Manifest, row.Message, row.WriterUuid, row.CreatedTicks));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        lock (_storage.Gate)
        {
            return Task.FromResult(_storage.HighestSequenceNr(persistenceId));
        }
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        lock (_storage.Gate)
        {
            _storage.DeleteTo(persistenceId, toSequenceNr);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        lock (_storage.Gate)
        {
            return Task.FromResult(_storage.PersistenceIds());
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
