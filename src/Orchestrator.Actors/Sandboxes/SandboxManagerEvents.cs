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
