using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Containers;

// Persisted events of ContainerActor. A stored event is never edited: a change is a new
// versioned type with a new manifest. Every side effect is a pair (or a triple with a
// failure): an intent persisted before the native call and an outcome persisted after it.

/// <summary>The marker of everything a container journals.</summary>
public interface IContainerEvent;

/// <summary>A create was accepted: the spec and the block indexes the sandbox reserved for it.</summary>
public sealed record ContainerCreateRequested(string SandboxId, ContainerSpec Spec, IReadOnlyList<int> BlockIndexes) : IContainerEvent;

/// <summary>Inspection decided what happens to host mount <see cref="Index"/>.</summary>
public sealed record HostMountClassified(int Index, HostMountDisposition Disposition, string ResolvedSource, bool Watchable, string Reason) : IContainerEvent;

/// <summary>Intent: create a resource (directory, bind, loop attach, nydus mount).</summary>
public sealed record ResourceStarted(
    string Key,
    ResourceKind Kind,
    ResourceRole Role,
    string Target,
    string? Source,
    bool ReadOnly,
    string? ContainerPath = null,
    int? BlockIndex = null) : IContainerEvent;

/// <summary>Outcome: the resource is in place (<see cref="Device"/> for a loop attach).</summary>
public sealed record ResourceCreated(string Key, string? Device = null) : IContainerEvent;

/// <summary>Outcome: the creating call failed; nothing was left behind by it.</summary>
public sealed record ResourceFailed(string Key, NativeError Error) : IContainerEvent;

/// <summary>Recovery looked at the kernel for an intent without outcome and found whether it happened.</summary>
public sealed record ResourceReconciled(string Key, bool Exists, string? Device = null) : IContainerEvent;

/// <summary>Every create step succeeded.</summary>
public sealed record ContainerCreated : IContainerEvent;

/// <summary>A create step failed (or a restart interrupted the create); rollback follows.</summary>
public sealed record ContainerCreateFailed(string Reason) : IContainerEvent;

/// <summary>Teardown began; it undoes every resource that may exist, in reverse order.</summary>
public sealed record TeardownStarted(string Reason) : IContainerEvent;

/// <summary>Intent: undo one resource.</summary>
public sealed record UndoStarted(string Key) : IContainerEvent;

/// <summary>Outcome: the resource is gone; <see cref="How"/> says whether it was there and how it went.</summary>
public sealed record ResourceUndone(string Key, UndoOutcome How, int Attempts = 1) : IContainerEvent;

/// <summary>Outcome: undo failed; the resource may still exist and the error is reported.</summary>
public sealed record UndoFailed(string Key, NativeError Error) : IContainerEvent;

/// <summary>Outcome: undo refused because a symlink stood where the mount point was (possible malicious guest).</summary>
public sealed record UndoRefused(string Key, string Reason) : IContainerEvent;

/// <summary>Teardown finished; <see cref="Errors"/> lists every step that failed or was refused.</summary>
public sealed record TeardownCompleted(IReadOnlyList<string> Errors) : IContainerEvent;

/// <summary>How an undo ended.</summary>
public enum UndoOutcome
{
    /// <summary>It was there and was removed normally.</summary>
    Removed,

    /// <summary>The kernel (or nydusd) said it was already gone: the journal said "mounted", the host did not.</summary>
    AlreadyGone,

    /// <summary>Busy past the retry budget, so it was lazily detached (<c>MNT_DETACH</c>): gone from view, freed when unused.</summary>
    Detached,
}
