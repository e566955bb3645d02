using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Containers;

internal static partial class ContainerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Container {ContainerId} created in {ElapsedMs} ms")]
    public static partial void Created(ILogger logger, string containerId, long elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Container {ContainerId} create failed, rolling back: {Reason}")]
    public static partial void CreateFailed(ILogger logger, string containerId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Container {ContainerId} torn down ({Reason}) with {ErrorCount} errors")]
    public static partial void TornDown(ILogger logger, string containerId, string reason, int errorCount);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Container {ContainerId}: {MountTarget} is busy (attempt {Attempt} of {MaxAttempts})")]
    public static partial void Busy(ILogger logger, string containerId, string mountTarget, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Container {ContainerId}: {MountTarget} stayed busy after {Attempt} attempts and was lazily detached (MNT_DETACH)")]
    public static partial void LazilyDetached(ILogger logger, string containerId, string mountTarget, int attempt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Container {ContainerId}: refusing to unmount {MountTarget}: a symlink stands in its path, possible malicious guest")]
    public static partial void PossibleMaliciousGuest(ILogger logger, string containerId, string mountTarget);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Container {ContainerId}: {MountTarget} was already gone")]
    public static partial void AlreadyGone(ILogger logger, string containerId, string mountTarget);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Container {ContainerId}: undoing {MountTarget} failed: {Errno} {Detail}")]
    public static partial void UndoFailed(ILogger logger, string containerId, string mountTarget, string errno, string detail);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Container {ContainerId}: recovery found {MountTarget} {Found}")]
    public static partial void Reconciled(ILogger logger, string containerId, string mountTarget, string found);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Container {ContainerId}: create interrupted by a restart, rolling back")]
    public static partial void InterruptedCreate(ILogger logger, string containerId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Container {ContainerId}: resuming a teardown interrupted by a restart")]
    public static partial void ResumingTeardown(ILogger logger, string containerId);
}
