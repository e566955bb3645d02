using Akka.Actor.Setup;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>Actor system setups for the journal tests, with the schema prepared as the host prepares it.</summary>
public static class SqlJournalTestSystems
{
    /// <summary>Runs <see cref="JournalPersistence.PrepareAsync(JournalSettings, Orchestrator.Actors.Persistence.Serialization.EventManifestRegistry, Microsoft.Extensions.Logging.ILogger, CancellationToken)"/>, then returns the setup.</summary>
    public static ActorSystemSetup Prepare(JournalSettings settings)
    {
        // A TestKit builds its actor system in the constructor, so the schema is prepared here, synchronously.
        JournalPersistence.PrepareAsync(settings, SqlJournalTestRegistry.Instance, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
        return Setup(settings);
    }

    public static ActorSystemSetup Setup(JournalSettings settings) =>
        JournalPersistence.CreateSetup(settings, SqlJournalTestRegistry.Instance, Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO"));
}
