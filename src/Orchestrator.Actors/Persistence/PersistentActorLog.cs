using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Persistence;

/// <summary>The log messages of persistent actors; the actor's logger adds <c>{ActorPath}</c> in a scope.</summary>
internal static partial class PersistentActorLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Recovered {PersistenceId} up to sequence number {SequenceNr} in {ElapsedMs} ms")]
    public static partial void Recovered(ILogger logger, string persistenceId, long sequenceNr, double elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Recovery of {PersistenceId} failed while replaying {EventType}; stopping the actor")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string persistenceId, string eventType);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Writing event {SequenceNr} ({EventType}) of {PersistenceId} failed; stopping the actor")]
    public static partial void PersistFailed(ILogger logger, Exception exception, string persistenceId, long sequenceNr, string eventType);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "The journal rejected event {SequenceNr} ({EventType}) of {PersistenceId}; the actor keeps running")]
    public static partial void PersistRejected(ILogger logger, Exception exception, string persistenceId, long sequenceNr, string eventType);
}
