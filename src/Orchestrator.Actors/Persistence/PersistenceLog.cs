using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Persistence;

/// <summary>The log messages of the journal and snapshot stores.</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Store} schema migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(ILogger logger, string store, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "{Store} committed a group of {Operations} write operations in {ElapsedMs} ms")]
    public static partial void GroupCommitted(ILogger logger, string store, int operations, double elapsedMs);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "{Store} failed to commit a group of {Operations} write operations; every caller in it gets the failure")]
    public static partial void GroupCommitFailed(ILogger logger, Exception exception, string store, int operations);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Store} rejected events {FromSequenceNr}..{ToSequenceNr} of {PersistenceId}: the sequence numbers are already taken by another writer")]
    public static partial void WriteConflict(ILogger logger, string store, string persistenceId, long fromSequenceNr, long toSequenceNr);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Store} opened at {Location}")]
    public static partial void Opened(ILogger logger, string store, string location);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "{Store} at {Location} closed")]
    public static partial void Closed(ILogger logger, string store, string location);
}
