using Microsoft.Extensions.Logging;

namespace Orchestrator.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "{Method} {Route} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string method, string route, Exception exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Teardown of {TeardownId} left {ErrorCount} errors")]
    public static partial void TeardownIncomplete(ILogger logger, string teardownId, int errorCount);
}
