using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>What the journal says about one sandbox and its containers, folded exactly as recovery folds it.</summary>
public sealed record SandboxJournalView(
    string SandboxId,
    long Incarnation,
    bool Registered,
    SandboxState Sandbox,
    IReadOnlyDictionary<string, ContainerState> Containers);
