using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Sandboxes;

internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Sandbox {SandboxId} ready")]
    public static partial void Ready(ILogger logger, string sandboxId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Sandbox {SandboxId} destroyed with {ErrorCount} errors")]
    public static partial void Destroyed(ILogger logger, string sandboxId, int errorCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Sandbox {SandboxId}: cleared staging {MountTarget} left by an interrupted read-only bind")]
    public static partial void StagingLeftover(ILogger logger, string sandboxId, string mountTarget);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Sandbox {SandboxId}: create interrupted by a restart, rolling back")]
    public static partial void InterruptedCreate(ILogger logger, string sandboxId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Sandbox {SandboxId}: resuming a destroy interrupted by a restart")]
    public static partial void ResumingDestroy(ILogger logger, string sandboxId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "{ActorPath}: a child failed and will be restarted from its journal (or stopped once it failed too often)")]
    public static partial void ChildFailed(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Sandbox {SandboxId}: container {ContainerId} stopped; reported as failed until a request respawns it")]
    public static partial void ContainerStopped(ILogger logger, string sandboxId, string containerId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "{ActorPath}: ignored {Message}, which answers nothing pending")]
    public static partial void Unexpected(ILogger logger, string actorPath, string message);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Sandbox {SandboxId}: its supervisor stopped; a later request recovers it from the journal")]
    public static partial void SupervisorStopped(ILogger logger, string sandboxId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Recovery after start finished: {Sandboxes} sandboxes and {Containers} containers recovered and reconciled in {ElapsedMs} ms")]
    public static partial void RecoveryFinished(ILogger logger, int sandboxes, int containers, long elapsedMs);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Deleted {Count} retired histories ({Rows} rows) from the journal")]
    public static partial void HistoriesDeleted(ILogger logger, int count, int rows);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Deleting {Count} retired histories failed (attempt {Attempt} of {MaxAttempts}), retrying in {DelayMs} ms: {Detail}")]
    public static partial void PurgeFailed(ILogger logger, int count, int attempt, int maxAttempts, long delayMs, string detail);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Error, Message = "Deleting {Count} retired histories failed {MaxAttempts} times: they stay retired and are tried again at the next retirement or start: {Detail}")]
    public static partial void PurgeGaveUp(ILogger logger, int count, int maxAttempts, string detail);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "{ActorPath}: {Operation} failed; the registry's history is bounded again at the next snapshot: {Detail}")]
    public static partial void SnapshotFailed(ILogger logger, string actorPath, string operation, string detail);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Debug, Message = "{SandboxId}/{ContainerId}: idle, passivated (its actor stopped; its resources and journal stay)")]
    public static partial void Passivated(ILogger logger, string sandboxId, string containerId);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Debug, Message = "{SandboxId}/{ContainerId}: woken from passivation, recovering from its journal")]
    public static partial void Woken(ILogger logger, string sandboxId, string containerId);
}
