using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Persistence;

public abstract partial class ReceivePersistentActor
{
    /// <summary>
    /// Stores <paramref name="snapshot"/> as the state after <see cref="LastSequenceNr"/>; the actor receives
    /// <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> as a command.
    /// </summary>
    public void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(_persistenceId ?? PersistenceId, LastSequenceNr, DateTime.UtcNow);
        var store = _snapshotStore;
        ReplyToSelf(
            () => store is null
                ? throw new InvalidOperationException($"Actor system [{Context.System.Name}] has no snapshot store: set {nameof(ActorSystemSettings)}.{nameof(ActorSystemSettings.SnapshotStore)}.")
                : store.SaveAsync(metadata, snapshot),
            () => new SaveSnapshotSuccess(metadata),
            cause => new SaveSnapshotFailure(metadata, cause));
    }

    /// <summary>
    /// Deletes the snapshots of this actor that match <paramref name="criteria"/>; the actor receives
    /// <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/> as a command.
    /// </summary>
    public void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var persistenceId = _persistenceId ?? PersistenceId;
        var store = _snapshotStore;
        ReplyToSelf(
            () => store?.DeleteAsync(persistenceId, criteria) ?? Task.CompletedTask,
            () => new DeleteSnapshotsSuccess(criteria),
            cause => new DeleteSnapshotsFailure(criteria, cause));
    }

    /// <summary>
    /// Deletes this actor's events up to and including <paramref name="toSequenceNr"/> (at most
    /// <see cref="LastSequenceNr"/>, or <see cref="long.MaxValue"/> for all); they are no longer replayed, but
    /// sequence numbers never go back. The actor receives <see cref="DeleteMessagesSuccess"/> or
    /// <see cref="DeleteMessagesFailure"/> as a command.
    /// </summary>
    public void DeleteMessages(long toSequenceNr)
    {
        var persistenceId = _persistenceId ?? PersistenceId;
        var lastSequenceNr = LastSequenceNr;
        var journal = _journal;
        ReplyToSelf(
            () => toSequenceNr != long.MaxValue && toSequenceNr > lastSequenceNr
                ? throw new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr, $"Cannot delete up to {toSequenceNr}: the last sequence number of {persistenceId} is {lastSequenceNr}.")
                : journal.DeleteMessagesToAsync(persistenceId, toSequenceNr),
            () => new DeleteMessagesSuccess(toSequenceNr),
            cause => new DeleteMessagesFailure(cause, toSequenceNr));
    }

    /// <summary>Runs <paramref name="operation"/> off the actor and tells the actor how it went.</summary>
    private void ReplyToSelf(Func<Task> operation, Func<object> onSuccess, Func<Exception, object> onFailure)
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            object reply;
            try
            {
                await operation().ConfigureAwait(false);
                reply = onSuccess();
            }
            catch (Exception e)
            {
                reply = onFailure(e);
            }

            self.Tell(reply, ActorRefs.NoSender);
        });
    }
}
