using Orchestrator.Actors.Persistence.Serialization;
namespace Orchestrator.Actors.Sandboxes;

// Persisted events of SandboxSupervisor besides the resource events of its layout
// (Resources/ResourceEvents.cs). A stored event is never edited: a change is a new versioned
// type with a new manifest.

/// <summary>The marker of everything a sandbox supervisor journals.</summary>
public interface ISandboxEvent;

/// <summary>A create was accepted.</summary>
[EventManifest("sandbox.create-requested.v1")]
public sealed record SandboxCreateRequested(string SandboxId, SharedFs SharedFs, BlockDriver BlockDriver) : ISandboxEvent;

/// <summary>The layout is in place.</summary>
[EventManifest("sandbox.ready.v1")]
public sealed record SandboxReady : ISandboxEvent;

/// <summary>Making the layout failed (or a restart interrupted it); rollback follows.</summary>
[EventManifest("sandbox.create-failed.v1")]
public sealed record SandboxCreateFailed(string Reason) : ISandboxEvent;

/// <summary>
/// A container was accepted into the sandbox. <see cref="Incarnation"/> makes its persistence id
/// unique, so an id reused after removal starts a fresh journal; <see cref="BlockIndexes"/> are the
/// sandbox-wide block device indexes reserved for it. Superseded by <see cref="ContainerAddedV2"/>;
/// still replayed from journals written before it.
/// </summary>
[EventManifest("sandbox.container-added.v1")]
public sealed record ContainerAdded(string ContainerId, long Incarnation, IReadOnlyList<int> BlockIndexes) : ISandboxEvent;

/// <summary>
/// A container was accepted into the sandbox, journaled under <see cref="PersistenceId"/>. Replaces
/// <see cref="ContainerAdded"/>, whose persistence id (derived from the ids and the container's
/// incarnation alone) repeats when a sandbox id is reused and collides across ids that contain
/// '-'. Containers added by an earlier release keep the id derived the old way.
/// </summary>
[EventManifest("sandbox.container-added.v2")]
public sealed record ContainerAddedV2(string ContainerId, long Incarnation, IReadOnlyList<int> BlockIndexes, string PersistenceId) : ISandboxEvent;

/// <summary>The container holds nothing any more and is forgotten.</summary>
[EventManifest("sandbox.container-removed.v1")]
public sealed record ContainerRemoved(string ContainerId) : ISandboxEvent;

/// <summary>Destroy began: containers first, then the layout.</summary>
[EventManifest("sandbox.destroy-started.v1")]
public sealed record SandboxDestroyStarted(string Reason) : ISandboxEvent;

/// <summary>Destroy finished; <see cref="Errors"/> lists everything that could not be undone.</summary>
[EventManifest("sandbox.destroyed.v1")]
public sealed record SandboxDestroyed(IReadOnlyList<string> Errors) : ISandboxEvent;

/// <summary>
/// The sandbox manager has journaled these removed containers' histories as retired (it deletes
/// them after the retention delay); until this event a restart hands them over again.
/// </summary>
[EventManifest("sandbox.container-histories-handed-over.v1")]
public sealed record ContainerHistoriesHandedOver(IReadOnlyList<string> PersistenceIds) : ISandboxEvent;
