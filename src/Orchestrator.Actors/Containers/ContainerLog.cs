using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Containers;

internal static partial class ContainerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{SandboxId}/{ContainerId}: created in {ElapsedMs} ms")]
    public static partial void Created(ILogger logger, string sandboxId, string containerId, long elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: create failed, rolling back: {Reason}")]
    public static partial void CreateFailed(ILogger logger, string sandboxId, string containerId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{SandboxId}/{ContainerId}: torn down ({Reason}) with {ErrorCount} errors")]
    public static partial void TornDown(ILogger logger, string sandboxId, string containerId, string reason, int errorCount);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "{SandboxId}/{ContainerId}: create interrupted by a restart, rolling back")]
    public static partial void InterruptedCreate(ILogger logger, string sandboxId, string containerId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "{SandboxId}/{ContainerId}: resuming a teardown interrupted by a restart")]
    public static partial void ResumingTeardown(ILogger logger, string sandboxId, string containerId);
}
