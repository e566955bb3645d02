using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Persistence.Sql;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>The run-alone collection for tests that arm a process-wide failpoint.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailpointCollection
{
    public const string Name = "Failpoints";
}

/// <summary>
/// <see cref="FailpointSqlJournal"/> hits <see cref="FailpointNames.JournalAfterCommit"/> only
/// after the batch committed: a write that fails there is still replayed after a restart.
/// </summary>
[Collection(FailpointCollection.Name)]
public sealed class FailpointSqlJournalTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory;

    public FailpointSqlJournalTests(ITestOutputHelper output)
        : this(new TemporaryDirectory(), output)
    {
    }

    private FailpointSqlJournalTests(TemporaryDirectory directory, ITestOutputHelper output)
        : base(SqlJournalTestSystems.Prepare(new JournalSettings(JournalProvider.Sqlite, directory.Path)), "failpoints", output)
    {
        _directory = directory;
    }

    [Fact]
    public void WriteMessages_FailpointErrorAfterCommit_WriterStopsAndEventIsReplayed()
    {
        var writer = Sys.ActorOf(CounterActor.Props("failpoint"));
        writer.Tell(new CounterActor.Add(1), TestActor);
        ExpectMsg<CounterActor.Added>(Patience);
        Watch(writer);

        Actors.Failpoints.Failpoints.Configure($"{FailpointNames.JournalAfterCommit}=error");
        try
        {
            // The failpoint fires after the transaction: the writer hears that the write failed
            // and stops (Akka's answer to a persist failure), yet the event is in the journal.
            writer.Tell(new CounterActor.Add(2), TestActor);
            ExpectTerminated(writer, Patience);
        }
        finally
        {
            Actors.Failpoints.Failpoints.Configure(null);
        }

        Sys.ActorOf(CounterActor.Props("failpoint")).Tell(new CounterActor.Read(), TestActor);
        Assert.Equal([1, 2], ExpectMsg<CounterActor.Values>(Patience).All);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }
    }
}
