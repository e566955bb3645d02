using System.Collections.Frozen;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Events;

/// <summary>
/// Which journaled events a VM manager sees on the event stream, and under which public type. The
/// write side tags exactly these (<see cref="LifecycleTagger"/>), the schema step that tagged older
/// journals selected the same manifests, and the stream maps them: one list, so they cannot drift.
/// Public types are a contract of their own: a stored manifest may get a new version, the type stays.
/// </summary>
public static class LifecycleEvents
{
    /// <summary>The journal tag every lifecycle event carries; the event stream queries this tag.</summary>
    public const string Tag = "lifecycle";

    public const string SandboxCreated = "sandbox.created";
    public const string SandboxReady = "sandbox.ready";
    public const string SandboxFailed = "sandbox.failed";
    public const string SandboxDestroying = "sandbox.destroying";
    public const string SandboxDestroyed = "sandbox.destroyed";
    public const string ContainerCreated = "container.created";
    public const string ContainerRunning = "container.running";
    public const string ContainerFailed = "container.failed";
    public const string ContainerDestroying = "container.destroying";
    public const string ContainerDestroyed = "container.destroyed";
    public const string TeardownError = "teardown.error";
    public const string TeardownRefused = "teardown.refused";
    public const string TeardownDetached = "teardown.detached";
    public const string RecoveryStarted = "service.recovery-started";
    public const string RecoveryFinished = "service.recovery-finished";

    /// <summary>The manifest of an undo outcome, lifecycle only when it was a lazy detach.</summary>
    public const string UndoneManifest = "resource.undone.v1";

    // Manager events are matched by manifest so the stream does not depend on their CLR types.
    private static readonly FrozenDictionary<string, string> TypesByManifest = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sandbox.create-requested.v1"] = SandboxCreated,
        ["sandbox.ready.v1"] = SandboxReady,
        ["sandbox.create-failed.v1"] = SandboxFailed,
        ["sandbox.destroy-started.v1"] = SandboxDestroying,
        ["sandbox.destroyed.v1"] = SandboxDestroyed,
        ["container.create-requested.v1"] = ContainerCreated,
        ["container.created.v1"] = ContainerRunning,
        ["container.create-failed.v1"] = ContainerFailed,
        ["container.teardown-started.v1"] = ContainerDestroying,
        ["container.teardown-completed.v1"] = ContainerDestroyed,
        ["resource.undo-failed.v1"] = TeardownError,
        ["resource.undo-refused.v1"] = TeardownRefused,
        [UndoneManifest] = TeardownDetached,
        ["sandboxes.recovery-started.v1"] = RecoveryStarted,
        ["sandboxes.recovery-finished.v1"] = RecoveryFinished,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every manifest that can be a lifecycle event (<see cref="UndoneManifest"/> only as a lazy detach).</summary>
    public static IReadOnlyCollection<string> Manifests => TypesByManifest.Keys;

    /// <summary>Every public type, in the order a lifecycle runs.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        SandboxCreated, SandboxReady, SandboxFailed, SandboxDestroying, SandboxDestroyed,
        ContainerCreated, ContainerRunning, ContainerFailed, ContainerDestroying, ContainerDestroyed,
        TeardownError, TeardownRefused, TeardownDetached, RecoveryStarted, RecoveryFinished,
    ];

    /// <summary>
    /// The public type of the event stored under <paramref name="manifest"/>, or null when it has no
    /// lifecycle meaning (intents, steps that went as planned, bookkeeping).
    /// </summary>
    public static string? TypeOf(string manifest, object payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!TypesByManifest.TryGetValue(manifest, out var type))
        {
            return null;
        }

        // An undo that removed its mount is routine; one that had to detach lazily left a busy
        // mount behind for the kernel to free, which the VM manager must be able to see.
        return manifest == UndoneManifest && payload is not ResourceUndone { How: UndoOutcome.Detached } ? null : type;
    }
}
