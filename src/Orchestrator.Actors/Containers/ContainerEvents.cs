using Orchestrator.Actors.Persistence.Serialization;
namespace Orchestrator.Actors.Containers;

// Persisted events of ContainerActor besides the resource events it shares with the sandbox
// (Resources/ResourceEvents.cs). A stored event is never edited: a change is a new versioned
// type with a new manifest.

/// <summary>The marker of everything a container journals.</summary>
public interface IContainerEvent;

/// <summary>A create was accepted: the spec and the block indexes the sandbox reserved for it.</summary>
[EventManifest("container.create-requested.v1")]
public sealed record ContainerCreateRequested(string SandboxId, ContainerSpec Spec, IReadOnlyList<int> BlockIndexes) : IContainerEvent;

/// <summary>Inspection decided what happens to host mount <see cref="Index"/>.</summary>
[EventManifest("container.host-mount-classified.v1")]
public sealed record HostMountClassified(int Index, HostMountDisposition Disposition, string ResolvedSource, bool Watchable, string Reason) : IContainerEvent;

/// <summary>Every create step succeeded.</summary>
[EventManifest("container.created.v1")]
public sealed record ContainerCreated : IContainerEvent;

/// <summary>A create step failed (or a restart interrupted the create); rollback follows.</summary>
[EventManifest("container.create-failed.v1")]
public sealed record ContainerCreateFailed(string Reason) : IContainerEvent;

/// <summary>Teardown began; it undoes every resource that may exist, in reverse order.</summary>
[EventManifest("container.teardown-started.v1")]
public sealed record TeardownStarted(string Reason) : IContainerEvent;

/// <summary>Teardown finished; <see cref="Errors"/> lists every step that failed or was refused.</summary>
[EventManifest("container.teardown-completed.v1")]
public sealed record TeardownCompleted(IReadOnlyList<string> Errors) : IContainerEvent;
