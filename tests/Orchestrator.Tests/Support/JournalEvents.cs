using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>Reads a persistence id's events the way recovery does, and names them briefly so a test can assert on their order.</summary>
internal static class JournalEvents
{
    public static async Task<IReadOnlyList<object>> ReadAsync(IJournal journal, string persistenceId) =>
        [.. (await SandboxJournalReader.ReadEventsAsync(journal, persistenceId)).Select(p => p.Payload)];

    public static async Task<IReadOnlyList<string>> DescribeAsync(IJournal journal, string persistenceId) =>
        [.. (await ReadAsync(journal, persistenceId)).Select(Describe)];

    public static async Task<ContainerState> ContainerStateAsync(IJournal journal, string persistenceId) =>
        (await ReadAsync(journal, persistenceId)).Cast<IContainerEvent>().Aggregate(ContainerState.Empty, (s, e) => s.Apply(e));

    public static async Task<SandboxState> SandboxStateAsync(IJournal journal, string persistenceId) =>
        (await ReadAsync(journal, persistenceId)).Cast<ISandboxEvent>().Aggregate(SandboxState.Empty, (s, e) => s.Apply(e));

    public static string Describe(object e) => e switch
    {
        ResourceStarted s => $"Started {s.Key}",
        ResourceCreated c => $"Created {c.Key}",
        ResourceFailed f => $"Failed {f.Key} {f.Error.Errno}",
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
        ContainerRemoved r => $"ContainerRemoved {r.ContainerId}",
        SandboxDestroyStarted => "SandboxDestroyStarted",
        SandboxDestroyed d => $"SandboxDestroyed {d.Errors.Count}",
        SandboxRegistered r => $"Registered {r.SandboxId}",
        SandboxUnregistered u => $"Unregistered {u.SandboxId}",
        _ => e.GetType().Name,
    };
}
