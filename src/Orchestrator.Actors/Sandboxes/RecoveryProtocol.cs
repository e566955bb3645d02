using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Asks the sandbox manager when recovery after start has finished; answered with
/// <see cref="RecoveryFinished"/> (at once when it already has). The host reports itself ready
/// (systemd's READY=1) only after this answer.
/// </summary>
public sealed record AwaitRecovery
{
    public static AwaitRecovery Instance { get; } = new();
}

/// <summary>Recovery after start is over: what was recovered and how long it took from the manager's start.</summary>
public sealed record RecoveryFinished(int Sandboxes, int Containers, TimeSpan Elapsed);

/// <summary>
/// Supervisor → manager, once after a respawn: the sandbox has reconciled and finished what a crash
/// interrupted, and each of its <see cref="Containers"/> respawned containers has too (or stopped).
/// </summary>
public sealed record SandboxRecovered(string SandboxId, long Incarnation, int Containers);

/// <summary>
/// Container → its supervisor, once per recovery: reconciled with the kernel and finished or rolled
/// back what was interrupted; <see cref="Lifecycle"/> is the container's real status from now on.
/// </summary>
public sealed record ContainerRecovered(string ContainerId, ContainerLifecycle Lifecycle);
