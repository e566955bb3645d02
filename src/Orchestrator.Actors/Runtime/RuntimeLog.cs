using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

/// <summary>The runtime's log messages (category <c>Orchestrator.Actors.Runtime.ActorSystem</c>).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Actor system {SystemName} started")]
    public static partial void SystemStarted(ILogger logger, string systemName);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Actor system {SystemName} terminated")]
    public static partial void SystemTerminated(ILogger logger, string systemName);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Guardian {ActorPath} failed; stopping the actor system")]
    public static partial void GuardianFailed(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Disposing extension {ExtensionType} of actor system {SystemName} failed")]
    public static partial void ExtensionDisposeFailed(ILogger logger, Exception exception, string extensionType, string systemName);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Actor {ActorPath} started")]
    public static partial void ActorStarted(ILogger logger, string actorPath);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Actor {ActorPath} stopped")]
    public static partial void ActorStopped(ILogger logger, string actorPath);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Actor {ActorPath} restarted after {ExceptionType}")]
    public static partial void ActorRestarted(ILogger logger, string actorPath, string exceptionType);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "Actor {ActorPath} failed; supervisor directive {Directive}")]
    public static partial void ActorFailed(ILogger logger, Exception exception, string actorPath, Directive directive);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Actor {ActorPath} failed; supervisor directive {Directive}")]
    public static partial void ActorFailedResumed(ILogger logger, Exception exception, string actorPath, Directive directive);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Debug, Message = "Actor {ActorPath} failed while already failed or stopping; ignored")]
    public static partial void FailureIgnored(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Error, Message = "PreRestart of actor {ActorPath} failed")]
    public static partial void PreRestartFailed(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Error, Message = "PostStop of actor {ActorPath} failed")]
    public static partial void PostStopFailed(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Dead letter: {MessageType} from {SenderPath} to {ActorPath} was not delivered")]
    public static partial void DeadLetter(ILogger logger, string messageType, string senderPath, string actorPath);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Dead letter during shutdown: {MessageType} from {SenderPath} to {ActorPath} was not delivered")]
    public static partial void DeadLetterDuringShutdown(ILogger logger, string messageType, string senderPath, string actorPath);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Actor {ActorPath} did not handle {MessageType} from {SenderPath}")]
    public static partial void UnhandledMessage(ILogger logger, string actorPath, string messageType, string senderPath);

    /// <summary>Akka's levels: a resumed failure is tolerated (Warning); escalation is logged by whoever handles it.</summary>
    public static void LogFailure(ILogger logger, Exception exception, string actorPath, Directive directive)
    {
        switch (directive)
        {
            case Directive.Resume:
                ActorFailedResumed(logger, exception, actorPath, directive);
                break;
            case Directive.Escalate:
                break;
            default:
                ActorFailed(logger, exception, actorPath, directive);
                break;
        }
    }
}
