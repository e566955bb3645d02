using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>The log messages of the journal's schema upgrade at start-up.</summary>
internal static partial class JournalSchemaLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "{Store} journal at {Location}: applied schema step {ToVersion} ({Description})")]
    public static partial void StepApplied(ILogger logger, string store, string location, int toVersion, string description);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "{Store} journal at {Location} upgraded from schema version {FromVersion} to {ToVersion}; {Rows} stored events now name serializer {SerializerId}")]
    public static partial void Upgraded(ILogger logger, string store, string location, int fromVersion, int toVersion, long rows, int serializerId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "{Store} journal at {Location} is at schema version {Version}; nothing to upgrade")]
    public static partial void Current(ILogger logger, string store, string location, int version);
}
