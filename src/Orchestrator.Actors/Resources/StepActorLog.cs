using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Resources;

internal static partial class StepActorLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "{ActorPath}: ignored native reply {CallId}, waiting for {PendingCallId} (a reply to a call made before a restart)")]
    public static partial void StaleReply(ILogger logger, string actorPath, long callId, long pendingCallId);
}
