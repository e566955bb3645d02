using Microsoft.Extensions.Logging;

namespace Orchestrator.Events;

internal static partial class EventFeedLog
{
    [LoggerMessage(EventId = 7301, Level = LogLevel.Debug, Message = "Event stream opened after {Position} for {SandboxId} ({Streams} open)")]
    public static partial void Opened(ILogger logger, long position, string sandboxId, int streams);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Debug, Message = "Event stream closed at {Position} after {Written} messages: {Reason}")]
    public static partial void Closed(ILogger logger, long position, long written, string reason);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Event stream dropped at {Position}: {Reason}")]
    public static partial void Dropped(ILogger logger, long position, string reason);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Warning, Message = "Event stream refused: {Streams} streams open, the limit")]
    public static partial void Refused(ILogger logger, int streams);

    [LoggerMessage(EventId = 7305, Level = LogLevel.Error, Message = "Event stream could not read the journal after {Position}")]
    public static partial void JournalReadFailed(ILogger logger, long position, Exception exception);

    [LoggerMessage(EventId = 7306, Level = LogLevel.Information, Message = "Event feed following the journal from {Position}")]
    public static partial void Following(ILogger logger, long position);
}
