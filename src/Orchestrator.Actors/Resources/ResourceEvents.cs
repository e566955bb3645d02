using System.Text.Json.Serialization;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Resources;

// The events of one resource's life, journaled by whichever actor owns it (a sandbox for its
// layout, a container for its mounts and devices). Every side effect is an intent persisted
// before the native call and an outcome persisted after it; the steps of one create share one
// write for their intents and one for their outcomes.

/// <summary>The marker of the resource events shared by sandbox and container journals.</summary>
public interface IResourceEvent : IContainerEvent, ISandboxEvent
{
    string Key { get; }
}

/// <summary>Intent: create a resource (directory, bind, loop attach, nydus mount).</summary>
[EventManifest("resource.started.v1")]
public sealed record ResourceStarted(
    string Key,
    ResourceKind Kind,
    ResourceRole Role,
    string Target,
    string? Source,
    bool ReadOnly,
    string? ContainerPath = null,
    int? BlockIndex = null) : IResourceEvent;

/// <summary>Outcome: the resource is in place (<see cref="Device"/> for a loop attach).</summary>
[EventManifest("resource.created.v1")]
public sealed record ResourceCreated(string Key, string? Device = null) : IResourceEvent;

/// <summary>Outcome: the creating call failed.</summary>
[EventManifest("resource.failed.v1")]
public sealed record ResourceFailed(string Key, NativeError Error) : IResourceEvent;

/// <summary>
/// Outcome: the call was never made. Intents are journaled together before the first call, so
/// when one call fails the intents after it are withdrawn; the resource leaves the ledger.
/// </summary>
[EventManifest("resource.withdrawn.v1")]
public sealed record ResourceWithdrawn(string Key) : IResourceEvent;

/// <summary>Recovery asked the kernel about a resource and found whether it is there.</summary>
[EventManifest("resource.reconciled.v1")]
public sealed record ResourceReconciled(string Key, bool Exists, string? Device = null) : IResourceEvent;

/// <summary>Intent: undo one resource.</summary>
[EventManifest("resource.undo-started.v1")]
public sealed record UndoStarted(string Key) : IResourceEvent;

// The undo outcomes carry the resource's path (Target, absent from rows written before it was
// added) so a reader of the journal alone, the event stream, can name what was left behind. It is
// left out when null, so an event from before it serializes to the bytes it was stored as.

/// <summary>Outcome: the resource is gone; <see cref="How"/> says whether it was there and how it went.</summary>
[EventManifest("resource.undone.v1")]
public sealed record ResourceUndone(string Key, UndoOutcome How, int Attempts = 1, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target = null) : IResourceEvent;

/// <summary>Outcome: undo failed; the resource may still exist and the error is reported.</summary>
[EventManifest("resource.undo-failed.v1")]
public sealed record UndoFailed(string Key, NativeError Error, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target = null) : IResourceEvent;

/// <summary>Outcome: undo refused because a symlink stood where the mount point was (possible malicious guest).</summary>
[EventManifest("resource.undo-refused.v1")]
public sealed record UndoRefused(string Key, string Reason, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target = null) : IResourceEvent;

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
