using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// <see cref="JournalPersistence.WithOrchestratorPersistence"/> as the host wires it through
/// Akka.Hosting: events persist with the stable manifest and recover after the host restarts.
/// </summary>
public sealed class HostedPersistenceTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task WithOrchestratorPersistence_HostRestarted_RecoversEvents()
    {
        var settings = new JournalSettings(JournalProvider.Sqlite, _directory.Path);
        await JournalPersistence.PrepareAsync(settings, SqlJournalTestRegistry.Instance, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(new CounterActor.Added(7), await AskOnceAsync(settings, new CounterActor.Add(7)));
        var values = (CounterActor.Values)await AskOnceAsync(settings, new CounterActor.Read());

        Assert.Equal([7], values.All);
        await using var rows = await JournalRows.OpenAsync(settings, SqlJournalTestRegistry.Instance);
        Assert.Equal("test.sql.counted.v1", Assert.Single(await rows.EventsAsync("hosted")).Manifest);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static async Task<object> AskOnceAsync(JournalSettings settings, object message)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder => builder
                .WithOrchestratorPersistence(settings, SqlJournalTestRegistry.Instance)
                .WithActors((system, registry) => registry.Register<CounterActor>(system.ActorOf(CounterActor.Props("hosted"), "counter")))))
            .Build();
        await host.StartAsync();
        try
        {
            var journal = host.Services.GetRequiredService<ActorSystem>().Settings.Config.GetConfig(JournalPersistence.JournalPluginId);
            Assert.StartsWith(typeof(FailpointSqlJournal).FullName!, journal.GetString("class"), StringComparison.Ordinal);
            Assert.Equal(1, journal.GetInt("parallelism"));
            var counter = await host.Services.GetRequiredService<IRequiredActor<CounterActor>>().GetAsync();
            return await counter.Ask<object>(message, TimeSpan.FromSeconds(20));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
