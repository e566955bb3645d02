using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Native;

internal static partial class NativeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Native calls run on thread {ThreadId} in the {Namespace} mount namespace")]
    public static partial void Started(ILogger logger, int threadId, MountNamespaceMode @namespace);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "{Request} answered {Reply} in {ElapsedMs} ms")]
    public static partial void Called(ILogger logger, string request, string reply, double elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{Request} failed: {Syscall} {Errno}: {Detail}")]
    public static partial void Failed(ILogger logger, string request, string syscall, string errno, string detail);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "{Request} threw; answering the caller with the error and resuming")]
    public static partial void Threw(ILogger logger, string request, Exception exception);
}
