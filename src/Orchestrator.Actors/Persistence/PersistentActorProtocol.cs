namespace Orchestrator.Actors.Persistence;

/// <summary>
/// Handed to the Recover handlers first when recovery starts from a snapshot: the handler restores its state
/// from <paramref name="Snapshot"/>, then only the events after <see cref="SnapshotMetadata.SequenceNr"/> are replayed.
/// </summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>
/// Handed to the Recover handlers after the last replayed event. <see cref="ReceivePersistentActor.IsRecovering"/>
/// is already false: the handler may persist, and may start work with <c>RunTask</c> that every stashed command
/// waits for.
/// </summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    public static RecoveryCompleted Instance { get; } = new();

    public override string ToString() => nameof(RecoveryCompleted);
}

/// <summary>Delivered as a command once <see cref="ReceivePersistentActor.SaveSnapshot"/> is stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Delivered as a command when <see cref="ReceivePersistentActor.SaveSnapshot"/> could not be stored.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Delivered as a command once <see cref="ReceivePersistentActor.DeleteMessages"/> is done.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Delivered as a command when <see cref="ReceivePersistentActor.DeleteMessages"/> failed.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>Delivered as a command once <see cref="ReceivePersistentActor.DeleteSnapshots"/> is done.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Delivered as a command when <see cref="ReceivePersistentActor.DeleteSnapshots"/> failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
