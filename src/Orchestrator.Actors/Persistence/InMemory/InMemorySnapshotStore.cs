using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.InMemory;

/// <summary>A thread-safe snapshot store in memory, for tests; it serializes like the SQL stores.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly EventSerializer _serializer;
    private readonly InMemorySnapshotStorage _storage;
    private volatile bool _disposed;

    /// <summary>An empty store that serializes through <paramref name="serializer"/>.</summary>
    public InMemorySnapshotStore(EventSerializer serializer)
        : this(serializer, new InMemorySnapshotStorage())
    {
    }

    internal InMemorySnapshotStore(EventSerializer serializer, InMemorySnapshotStorage storage)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        _storage = storage;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ThrowIfDisposed();
        InMemorySnapshotStorage.StoredSnapshot? newest;
        lock (_storage.Gate)
        {
            newest = _storage.Of(persistenceId).FirstOrDefault(s => criteria.IsMatch(s.Metadata));
        }

        return Task.FromResult(newest is null
            ? null
            : _serializer.DeserializeSnapshot(newest.PersistenceId, newest.SequenceNr, newest.CreatedTicks, newest.Manifest, newest.Bytes));
    }

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ThrowIfDisposed();
        var serialized = _serializer.Serialize(snapshot);
        lock (_storage.Gate)
        {
            _storage.Save(new InMemorySnapshotStorage.StoredSnapshot(
                metadata.PersistenceId, metadata.SequenceNr, UtcTicks.OrNow(metadata.Timestamp), serialized.Manifest, serialized.Bytes));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ThrowIfDisposed();
        lock (_storage.Gate)
        {
            var stored = _storage.Get(metadata.PersistenceId, metadata.SequenceNr);
            if (stored is not null && (metadata.Timestamp == DateTime.MinValue || stored.CreatedTicks == UtcTicks.From(metadata.Timestamp)))
            {
                _storage.Remove(metadata.PersistenceId, metadata.SequenceNr);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ThrowIfDisposed();
        lock (_storage.Gate)
        {
            foreach (var stored in _storage.Of(persistenceId).Where(s => criteria.IsMatch(s.Metadata)))
            {
                _storage.Remove(stored.PersistenceId, stored.SequenceNr);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
