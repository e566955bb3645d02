using Akka.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Hosting;

/// <summary>The journal the actor system persists to, chosen by <c>Orchestrator:Journal:*</c>.</summary>
internal static class JournalHosting
{
    public static AkkaConfigurationBuilder WithJournal(this AkkaConfigurationBuilder akka, OrchestratorOptions options) =>
        akka.WithOrchestratorPersistence(Settings(options));

    /// <summary>Runs before any actor recovers: WAL mode, the schema upgrade of an earlier release's journal, or one clear refusal.</summary>
    public static Task PrepareAsync(OrchestratorOptions options, ILogger log, CancellationToken cancellationToken) =>
        JournalPersistence.PrepareAsync(Settings(options), log, cancellationToken);

    public static JournalSettings Settings(OrchestratorOptions options) => options.Journal;
}
