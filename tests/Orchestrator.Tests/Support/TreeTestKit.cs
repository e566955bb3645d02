using Akka.Configuration;
using Akka.Persistence.TestKit;
using Orchestrator.Actors.Native;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Akka.NET's xunit TestKit configured the way the tree's tests need it: Akka's in-memory journal
/// and snapshot store, and the native-call actor's pinned dispatcher, declared exactly as the host
/// declares it.
/// </summary>
public abstract class TreeTestKit(string? extraHocon = null)
    : Akka.TestKit.Xunit2.TestKit(Configuration(extraHocon))
{
    public const string InMemoryPersistence = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    /// <summary>
    /// Akka.Persistence.TestKit's journal in place of the in-memory one: a test makes its writes
    /// fail or be rejected through <see cref="WriteBehavior"/>.
    /// </summary>
    public const string TestJournalPersistence = """
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    /// <summary>How the journal answers writes from now on (needs <see cref="TestJournalPersistence"/>).</summary>
    protected JournalWriteBehavior WriteBehavior =>
        TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null)).OnWrite;

    public static Config Configuration(string? extraHocon = null) =>
        ConfigurationFactory.ParseString(extraHocon ?? string.Empty)
            .WithFallback(ConfigurationFactory.ParseString(InMemoryPersistence))
            .WithFallback(ConfigurationFactory.ParseString(NativeCallActor.DispatcherHocon))
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
}
