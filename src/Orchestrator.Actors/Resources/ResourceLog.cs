using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Resources;

internal static partial class ResourceLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: {MountTarget} is busy (attempt {Attempt} of {MaxAttempts})")]
    public static partial void Busy(ILogger logger, string sandboxId, string? containerId, string mountTarget, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: {MountTarget} stayed busy after {Attempt} attempts and was lazily detached (MNT_DETACH)")]
    public static partial void LazilyDetached(ILogger logger, string sandboxId, string? containerId, string mountTarget, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "{SandboxId}/{ContainerId}: refusing to undo {MountTarget}: a symlink stands in its path, possible malicious guest")]
    public static partial void PossibleMaliciousGuest(ILogger logger, string sandboxId, string? containerId, string mountTarget);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: {MountTarget} was already gone though the journal had it in place (undone outside the orchestrator?)")]
    public static partial void AlreadyGone(ILogger logger, string sandboxId, string? containerId, string mountTarget);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "{SandboxId}/{ContainerId}: {MountTarget} was already gone (an undo a restart interrupted)")]
    public static partial void AlreadyUndone(ILogger logger, string sandboxId, string? containerId, string mountTarget);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: undoing {MountTarget} failed: {Errno} {Detail}")]
    public static partial void UndoFailed(ILogger logger, string sandboxId, string? containerId, string mountTarget, string errno, string detail);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{SandboxId}/{ContainerId}: recovery found {MountTarget} {Found}")]
    public static partial void Reconciled(ILogger logger, string sandboxId, string? containerId, string mountTarget, string found);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: creating {MountTarget} failed: {Errno} {Detail}")]
    public static partial void StepFailed(ILogger logger, string sandboxId, string? containerId, string mountTarget, string errno, string detail);
}
