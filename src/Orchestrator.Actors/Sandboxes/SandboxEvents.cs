namespace Orchestrator.Actors.Sandboxes;

// Persisted events of SandboxSupervisor besides the resource events of its layout
// (Resources/ResourceEvents.cs). A stored event is never edited: a change is a new versioned
// type with a new manifest.

/// <summary>The marker of everything a sandbox supervisor journals.</summary>
public interface ISandboxEvent;

/// <summary>A create was accepted.</summary>
public sealed record SandboxCreateRequested(string SandboxId, SharedFs SharedFs, BlockDriver BlockDriver) : ISandboxEvent;

/// <summary>The layout is in place.</summary>
public sealed record SandboxReady : ISandboxEvent;

/// <summary>Making the layout failed (or a restart interrupted it); rollback follows.</summary>
public sealed record SandboxCreateFailed(string Reason) : ISandboxEvent;

/// <summary>
/// A container was accepted into the sandbox. <see cref="Incarnation"/> makes its persistence id
/// unique, so an id reused after removal starts a fresh journal; <see cref="BlockIndexes"/> are the
/// sandbox-wide block device indexes reserved for it.
/// </summary>
public sealed record ContainerAdded(string ContainerId, long Incarnation, IReadOnlyList<int> BlockIndexes) : ISandboxEvent;

/// <summary>The container holds nothing any more and is forgotten.</summary>
public sealed record ContainerRemoved(string ContainerId) : ISandboxEvent;

/// <summary>Destroy began: containers first, then the layout.</summary>
public sealed record SandboxDestroyStarted(string Reason) : ISandboxEvent;

/// <summary>Destroy finished; <see cref="Errors"/> lists everything that could not be undone.</summary>
public sealed record SandboxDestroyed(IReadOnlyList<string> Errors) : ISandboxEvent;
