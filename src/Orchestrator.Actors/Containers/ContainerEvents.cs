namespace Orchestrator.Actors.Containers;

// Persisted events of ContainerActor besides the resource events it shares with the sandbox
// (Resources/ResourceEvents.cs). A stored event is never edited: a change is a new versioned
// type with a new manifest.

/// <summary>The marker of everything a container journals.</summary>
public interface IContainerEvent;

/// <summary>A create was accepted: the spec and the block indexes the sandbox reserved for it.</summary>
public sealed record ContainerCreateRequested(string SandboxId, ContainerSpec Spec, IReadOnlyList<int> BlockIndexes) : IContainerEvent;

/// <summary>Inspection decided what happens to host mount <see cref="Index"/>.</summary>
public sealed record HostMountClassified(int Index, HostMountDisposition Disposition, string ResolvedSource, bool Watchable, string Reason) : IContainerEvent;

/// <summary>Every create step succeeded.</summary>
public sealed record ContainerCreated : IContainerEvent;

/// <summary>A create step failed (or a restart interrupted the create); rollback follows.</summary>
public sealed record ContainerCreateFailed(string Reason) : IContainerEvent;

/// <summary>Teardown began; it undoes every resource that may exist, in reverse order.</summary>
public sealed record TeardownStarted(string Reason) : IContainerEvent;

/// <summary>Teardown finished; <see cref="Errors"/> lists every step that failed or was refused.</summary>
public sealed record TeardownCompleted(IReadOnlyList<string> Errors) : IContainerEvent;
