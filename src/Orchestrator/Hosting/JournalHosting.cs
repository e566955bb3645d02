using Akka.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Hosting;

/// <summary>The journal the actor system persists to, chosen by <c>Orchestrator:Journal:*</c>.</summary>
internal static class JournalHosting
{
    // Placeholder until the SQL journal lands: Akka's in-memory journal.
    public static AkkaConfigurationBuilder WithJournal(this AkkaConfigurationBuilder akka, OrchestratorOptions options)
    {
        _ = options;
        return akka.AddHocon(
            """
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """,
            HoconAddMode.Prepend);
    }

    public static Task PrepareAsync(OrchestratorOptions options, ILogger log, CancellationToken cancellationToken)
    {
        _ = (options, log, cancellationToken);
        return Task.CompletedTask;
    }
}
