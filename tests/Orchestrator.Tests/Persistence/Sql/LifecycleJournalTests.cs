using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Events;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// The lifecycle tag on the SQLite journal: written by the tagger in both ways an actor system gets
/// its persistence, added to rows of older journals by the schema step, and read back in position
/// order through Akka.Persistence.Sql's read journal.
/// </summary>
public sealed class LifecycleJournalTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO"), "lifecycle", output), IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Persist_DirectSetup_TagsLifecycleEventsOnly()
    {
        var settings = Prepare("direct");
        var system = ActorSystem.Create("direct", SqlJournalTestSystems.Setup(settings));
        try
        {
            AppendAll(system, "sandbox-s1-1", Mixed());
        }
        finally
        {
            await system.Terminate();
        }

        Assert.Equal(
            ["1 lifecycle", "3 lifecycle", "5 lifecycle"],
            Strings(settings, "SELECT sequence_nr || ' ' || tag FROM tags ORDER BY ordering_id;"));
    }

    [Fact]
    public async Task Persist_HostedSetup_TagsLifecycleEventsOnly()
    {
        var settings = Prepare("hosted");
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder => builder.WithOrchestratorPersistence(settings, SqlJournalTestRegistry.Instance)))
            .Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.Equal(200, (int)system.Settings.Config.GetTimeSpan(JournalPersistence.QueryPluginId + ".refresh-interval").TotalMilliseconds);
            AppendAll(system, "sandbox-s1-1", Mixed());
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(["1", "3", "5"], Strings(settings, "SELECT sequence_nr FROM tags WHERE tag = 'lifecycle' ORDER BY ordering_id;"));
    }

    [Fact]
    public async Task Prepare_ReleaseJournal_TagsItsLifecycleEventsSoTheStreamReplaysThem()
    {
        var settings = ReleaseJournalFixture.CopyTo(Path.Combine(_directory.Path, "release"));
        await JournalPersistence.PrepareAsync(settings, NullLogger.Instance, CancellationToken.None);

        var tagged = Strings(settings, "SELECT j.manifest FROM tags t JOIN journal j ON j.ordering = t.ordering_id ORDER BY t.ordering_id;");
        var expected = Strings(settings, "SELECT manifest FROM journal ORDER BY ordering;").Where(m => LifecycleEvents.Manifests.Contains(m) && m != LifecycleEvents.UndoneManifest).ToList();
        Assert.Equal(expected, tagged);
        Assert.Equal(18, tagged.Count);
        Assert.Empty(Strings(settings, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tags' AND name LIKE 'tags_tag%';"));

        var system = ActorSystem.Create("release", JournalPersistence.CreateSetup(settings));
        try
        {
            var journal = await LifecycleJournal.OpenAsync(system);
            var read = await journal.Current(0).RunWith(Sink.Seq<EventEnvelope>(), journal.Materializer).WaitAsync(Patience);
            var positions = read.Select(e => ((Sequence)e.Offset).Value).ToList();
            Assert.Equal(positions.Order(), positions);
            Assert.Equal(expected.Count, read.Count);
            Assert.Equal(long.Parse(Strings(settings, "SELECT max(ordering) FROM journal;")[0], System.Globalization.CultureInfo.InvariantCulture), await journal.HeadAsync(CancellationToken.None));

            var after = positions[10];
            var rest = await journal.Current(after).RunWith(Sink.Seq<EventEnvelope>(), journal.Materializer).WaitAsync(Patience);
            Assert.Equal(positions.Skip(11), rest.Select(e => ((Sequence)e.Offset).Value));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task OwnerAsync_AmbiguousContainerIdFromBeforeV2_SettledByItsFirstEvent()
    {
        var settings = Prepare("legacy");
        var system = ActorSystem.Create("legacy", SqlJournalTestSystems.Setup(settings));
        try
        {
            // Sandbox "a-b", container "c": the old id reads as sandbox "a", container "b-c" too.
            var spec = new ContainerSpec("c", new RootfsSpec(RootfsKind.Bind, "/images/c"), [], []);
            AppendAll(system, "container-a-b-c-7", [new ContainerCreateRequested("a-b", spec, []), new ContainerCreated()]);
            var journal = await LifecycleJournal.OpenAsync(system);

            Assert.Equal(new JournalOwner("a-b", "c"), await journal.OwnerAsync("container-a-b-c-7", CancellationToken.None));
            Assert.Equal(new JournalOwner("a", "b-c", Ambiguous: true), await journal.OwnerAsync("container-a-b-c-8", CancellationToken.None));
            Assert.Equal(new JournalOwner("s1", null), await journal.OwnerAsync("sandbox-s1-3", CancellationToken.None));
        }
        finally
        {
            await system.Terminate();
        }
    }

    public new void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        base.Dispose();
    }

    /// <summary>Lifecycle events at sequence numbers 1, 3 and 5; bookkeeping and a routine undo between.</summary>
    private static object[] Mixed() =>
    [
        new SandboxCreateRequested("s1", SharedFs.VirtioFs, BlockDriver.VirtioBlk),
        new ResourceStarted("root", ResourceKind.Directory, ResourceRole.SandboxLayout, "/run/s1", null, false),
        new ResourceUndone("root-bind", UndoOutcome.Detached, 6, "/run/s1"),
        new ResourceUndone("root", UndoOutcome.Removed, 1, "/run/s1"),
        new SandboxReady(),
    ];

    private void AppendAll(ActorSystem system, string persistenceId, IEnumerable<object> events)
    {
        var probe = CreateTestProbe(system);
        var history = system.ActorOf(HistoryActor.Props(persistenceId));
        foreach (var e in events)
        {
            history.Tell(new HistoryActor.Append(e), probe.Ref);
            probe.ExpectMsg<long>(Patience);
        }
    }

    private JournalSettings Prepare(string name)
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, Path.Combine(_directory.Path, name));
        JournalPersistence.PrepareAsync(settings, SqlJournalTestRegistry.Instance, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
        return settings;
    }

    private static List<string> Strings(JournalSettings settings, string sql)
    {
        using var connection = new SqliteConnection(JournalSettings.SqliteConnectionString(settings.DatabasePath, create: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
