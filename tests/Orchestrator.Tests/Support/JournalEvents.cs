using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Reads a persistence id's events the way recovery does (a throwaway persistent actor with the
/// same id recovers them from the system's journal), and names them briefly so a test can assert
/// on their order.
/// </summary>
internal static class JournalEvents
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<object> Read(TestKitBase kit, string persistenceId)
    {
        var probe = kit.CreateTestProbe();
        kit.Sys.ActorOf(Props.Create(() => new Reader(persistenceId, probe.Ref)));
        return probe.ExpectMsg<EventsRead>(Timeout).Events;
    }

    public static IReadOnlyList<string> Describe(TestKitBase kit, string persistenceId) =>
        [.. Read(kit, persistenceId).Select(Describe)];

    public static ContainerState ContainerState(TestKitBase kit, string persistenceId) =>
        Read(kit, persistenceId).Cast<IContainerEvent>().Aggregate(Actors.Containers.ContainerState.Empty, (s, e) => s.Apply(e));

    public static SandboxState SandboxState(TestKitBase kit, string persistenceId) =>
        Read(kit, persistenceId).Cast<ISandboxEvent>().Aggregate(Actors.Sandboxes.SandboxState.Empty, (s, e) => s.Apply(e));

    public static string Describe(object e) => e switch
    {
        ResourceStarted s => $"Started {s.Key}",
        ResourceCreated c => $"Created {c.Key}",
        ResourceFailed f => $"Failed {f.Key} {f.Error.Errno}",
        ResourceWithdrawn w => $"Withdrawn {w.Key}",
        ResourceReconciled r => $"Reconciled {r.Key} {(r.Exists ? "present" : "absent")}",
        UndoStarted u => $"UndoStarted {u.Key}",
        ResourceUndone u => $"Undone {u.Key} {u.How}",
        UndoFailed f => $"UndoFailed {f.Key} {f.Error.Errno}",
        UndoRefused r => $"Refused {r.Key}",
        ContainerCreateRequested => "CreateRequested",
        HostMountClassified h => $"Classified {h.Index} {h.Disposition}",
        ContainerCreated => "ContainerCreated",
        ContainerCreateFailed => "CreateFailed",
        TeardownStarted => "TeardownStarted",
        TeardownCompleted t => $"TeardownCompleted {t.Errors.Count}",
        SandboxCreateRequested => "SandboxCreateRequested",
        SandboxReady => "SandboxReady",
        SandboxCreateFailed => "SandboxCreateFailed",
        ContainerAdded a => $"ContainerAdded {a.ContainerId}",
        ContainerAddedV2 a => $"ContainerAdded {a.ContainerId}",
        ContainerRemoved r => $"ContainerRemoved {r.ContainerId}",
        SandboxDestroyStarted => "SandboxDestroyStarted",
        SandboxDestroyed d => $"SandboxDestroyed {d.Errors.Count}",
        SandboxRegistered r => $"Registered {r.SandboxId}",
        SandboxUnregistered u => $"Unregistered {u.SandboxId}",
        HistoriesRetired r => $"Retired {string.Join(",", r.PersistenceIds)}",
        HistoriesDeleted d => $"Deleted {string.Join(",", d.PersistenceIds)}",
        ServiceRecoveryStarted s => $"RecoveryStarted {s.Sandboxes}",
        ServiceRecoveryFinished f => $"RecoveryFinished {f.Sandboxes} {f.Containers}",
        ContainerHistoriesHandedOver h => $"HandedOver {string.Join(",", h.PersistenceIds)}",
        SandboxRegistrySnapshot s => $"Snapshot {string.Join(",", s.Sandboxes.Select(x => x.SandboxId))}",
        _ => e.GetType().Name,
    };

    private sealed record EventsRead(IReadOnlyList<object> Events);

    /// <summary>Recovers the snapshot and events of one persistence id, hands them over and stops; it never writes.</summary>
    private sealed class Reader : ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public Reader(string persistenceId, IActorRef replyTo)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ =>
            {
                replyTo.Tell(new EventsRead(_events));
                Context.Stop(Self);
            });
            // Only the manager snapshots (its registry); the snapshot comes first, as recovery reads it.
            Recover<SnapshotOffer>(offer => _events.Add(offer.Snapshot));
            RecoverAny(_events.Add);
        }

        public override string PersistenceId { get; }
    }
}
