namespace Orchestrator.Actors.Persistence;

/// <summary>
/// Snapshots of persistent actors' state, shaped after Akka.Persistence's <c>SnapshotStore</c>.
/// A snapshot at sequence number N replaces replaying events 1..N.
/// </summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>
    /// The newest (highest sequence number) snapshot of <paramref name="persistenceId"/> that
    /// matches <paramref name="criteria"/>, or <c>null</c>.
    /// </summary>
    /// <exception cref="Serialization.EventSerializationException">Its manifest is unknown or it does not deserialize.</exception>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="snapshot"/>, replacing one with the same persistence id and sequence number.</summary>
    /// <exception cref="Serialization.EventSerializationException">Its type has no <c>[EventManifest]</c>.</exception>
    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the snapshot with <paramref name="metadata"/>'s persistence id and sequence
    /// number; a timestamp other than <see cref="DateTime.MinValue"/> must match too.
    /// </summary>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> that matches <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
