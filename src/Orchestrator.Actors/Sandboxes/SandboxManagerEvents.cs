using Orchestrator.Actors.Persistence.Serialization;
namespace Orchestrator.Actors.Sandboxes;

// Persisted events of SandboxManager: which sandboxes exist. A stored event is never edited.

/// <summary>The marker of everything the sandbox manager journals.</summary>
public interface ISandboxManagerEvent;

/// <summary>A sandbox was accepted; <see cref="Incarnation"/> makes its supervisor's persistence id unique.</summary>
[EventManifest("sandboxes.registered.v1")]
public sealed record SandboxRegistered(string SandboxId, long Incarnation) : ISandboxManagerEvent;

/// <summary>The sandbox holds nothing any more and is forgotten.</summary>
[EventManifest("sandboxes.unregistered.v1")]
public sealed record SandboxUnregistered(string SandboxId) : ISandboxManagerEvent;

/// <summary>
/// These histories (a forgotten sandbox's, a removed container's) are retired: after the retention
/// delay counted from <see cref="RetiredAt"/> their rows are deleted from the journal. Journaled
/// before anything is deleted, so a restart finds what is still to delete.
/// </summary>
[EventManifest("sandboxes.histories-retired.v1")]
public sealed record HistoriesRetired(IReadOnlyList<string> PersistenceIds, DateTimeOffset RetiredAt) : ISandboxManagerEvent;

/// <summary>The rows of these retired histories are gone from the journal.</summary>
[EventManifest("sandboxes.histories-deleted.v1")]
public sealed record HistoriesDeleted(IReadOnlyList<string> PersistenceIds) : ISandboxManagerEvent;

/// <summary>The manager recovered its registry after a start and respawned <see cref="Sandboxes"/> sandboxes.</summary>
[EventManifest("sandboxes.recovery-started.v1")]
public sealed record ServiceRecoveryStarted(int Sandboxes) : ISandboxManagerEvent;

/// <summary>
/// Every sandbox and container respawned at start has recovered from its journal, reconciled with
/// the kernel and finished or rolled back what a crash interrupted (a supervisor that failed to
/// recover counts as done): the service serves from state that matches the kernel.
/// </summary>
[EventManifest("sandboxes.recovery-finished.v1")]
public sealed record ServiceRecoveryFinished(int Sandboxes, int Containers, long ElapsedMs) : ISandboxManagerEvent;
