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
