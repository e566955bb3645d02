using Microsoft.Extensions.Logging;

namespace Orchestrator.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Actor system {SystemName}: top-level actors started")]
    public static partial void ActorSystemStarted(ILogger logger, string systemName);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Actor system {SystemName} stopping")]
    public static partial void ActorSystemStopping(ILogger logger, string systemName);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Actor system {SystemName} stopped")]
    public static partial void ActorSystemStopped(ILogger logger, string systemName);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Actor system {SystemName} did not stop within the shutdown timeout")]
    public static partial void ActorSystemStopTimedOut(ILogger logger, string systemName);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Listening on {SocketPath} ({SocketAccess}; state {StateDir}, run {RunDir}, journal {JournalProvider}, mount namespace {MountNamespace})")]
    public static partial void Listening(ILogger logger, string socketPath, string socketAccess, string stateDir, string runDir, JournalProvider journalProvider, string mountNamespace);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Removed stale socket {SocketPath}")]
    public static partial void StaleSocketRemoved(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Stop requested: draining, new requests get 503")]
    public static partial void Draining(ILogger logger);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Stopped cleanly")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Critical, Message = "Start-up failed")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Ready: recovered sandboxes={Sandboxes} containers={Containers} in {ElapsedMs} ms")]
    public static partial void Ready(ILogger logger, int sandboxes, int containers, long elapsedMs);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Critical, Message = "The sandbox manager did not report recovery; stopping")]
    public static partial void RecoveryUnanswered(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Could not notify the service manager ({Notification}): {Errno}")]
    public static partial void NotifyFailed(ILogger logger, string notification, string errno, Exception exception);
}
