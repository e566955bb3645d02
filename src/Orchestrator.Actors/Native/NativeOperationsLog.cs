using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Native;

internal static partial class NativeOperationsLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Skipped {Count} mountinfo lines that do not parse; first: {Detail}")]
    public static partial void MountInfoLinesSkipped(ILogger logger, int count, string detail);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Refused host path {SourcePath}: {Reason}")]
    public static partial void SourceRefused(ILogger logger, string sourcePath, string reason);
}
