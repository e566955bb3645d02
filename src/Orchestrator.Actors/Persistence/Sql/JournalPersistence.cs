using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// The journal and snapshot store on Akka.Persistence.Sql, one schema for SQLite and PostgreSQL:
/// <see cref="WithOrchestratorPersistence"/> for Akka.Hosting, <see cref="CreateSetup"/> for an
/// actor system built directly (tests, benchmarks), and <see cref="PrepareAsync"/>, which must run
/// before either starts.
/// </summary>
public static class JournalPersistence
{
    /// <summary>The journal plugin's id.</summary>
    public const string JournalPluginId = "akka.persistence.journal.sql";

    /// <summary>The snapshot store plugin's id.</summary>
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    /// <summary>The read journal's plugin id (Akka.Persistence.Query), which the event stream reads.</summary>
    public const string QueryPluginId = "akka.persistence.query.journal.sql";

    /// <summary>
    /// Adds the journal, the snapshot store, the event serializer and the failpoint journal class
    /// to an Akka.Hosting builder. Call <see cref="PrepareAsync"/> first.
    /// </summary>
    public static AkkaConfigurationBuilder WithOrchestratorPersistence(
        this AkkaConfigurationBuilder builder,
        JournalSettings settings,
        EventManifestRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var events = registry ?? EventSerialization.DefaultRegistry;
        return builder
            .WithCustomSerializer(EventSerialization.SerializerName, EventSerialization.BoundTypes(events), system => new EventJsonSerializer(system, events))
            .WithSqlPersistence(JournalOptions(settings), SnapshotOptions(settings))
            .WithReadDataOptions(settings)
            .AddHocon(Overrides(settings), HoconAddMode.Prepend);
    }

    /// <summary>
    /// The same persistence for an actor system built without Akka.Hosting: its configuration and
    /// the setups (serializer, data options) to add to its <c>BootstrapSetup</c>.
    /// </summary>
    public static ActorSystemSetup CreateSetup(JournalSettings settings, EventManifestRegistry? registry = null, Config? extra = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var journal = JournalOptions(settings);
        var snapshots = SnapshotOptions(settings);
        var config = (extra ?? Config.Empty)
            .WithFallback(Overrides(settings))
            .WithFallback(journal.ToConfig())
            .WithFallback(snapshots.ToConfig())
            .WithFallback(journal.DefaultConfig)
            .WithFallback(journal.DefaultQueryConfig)
            .WithFallback(snapshots.DefaultConfig);
        var dataOptions = new MultiDataOptionsSetup();
        dataOptions.AddDataOptions(journal.PluginId, journal.DataOptions!);
        dataOptions.AddDataOptions(journal.QueryPluginId, ReadDataOptions(settings));
        dataOptions.AddDataOptions(snapshots.PluginId, snapshots.DataOptions!);
        return Akka.Actor.BootstrapSetup.Create()
            .WithConfig(config)
            .And(EventSerialization.Setup(registry ?? EventSerialization.DefaultRegistry))
            .And(dataOptions);
    }

    /// <summary>
    /// Runs before the actor system starts: puts a SQLite file in WAL mode, brings an existing
    /// journal (one written by an earlier release included) to this build's schema, and refuses
    /// one this build cannot read with a <see cref="JournalSchemaException"/>.
    /// </summary>
    public static Task PrepareAsync(JournalSettings settings, ILogger log, CancellationToken ct) =>
        PrepareAsync(settings, EventSerialization.DefaultRegistry, log, ct);

    /// <inheritdoc cref="PrepareAsync(JournalSettings, ILogger, CancellationToken)"/>
    public static Task PrepareAsync(JournalSettings settings, EventManifestRegistry registry, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return JournalSchemaUpgrade.RunAsync(JournalSchemaStore.For(settings), registry, log, ct);
    }

    /// <summary>The journal plugin's typed options.</summary>
    public static Akka.Persistence.Sql.Hosting.SqlJournalOptions JournalOptions(JournalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = settings.EffectiveConnectionString,
            ProviderName = settings.ProviderName,
            DataOptions = DataOptions(settings),
            // PrepareAsync has created or upgraded the schema; creating tables here would hide a
            // journal that lost them behind an empty new one.
            AutoInitialize = false,
            TagStorageMode = TagMode.TagTable,
            Serializer = EventSerialization.SerializerName,
        };
    }

    /// <summary>The snapshot store plugin's typed options.</summary>
    public static Akka.Persistence.Sql.Hosting.SqlSnapshotOptions SnapshotOptions(JournalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = settings.EffectiveConnectionString,
            ProviderName = settings.ProviderName,
            DataOptions = DataOptions(settings),
            AutoInitialize = false,
            Serializer = EventSerialization.SerializerName,
        };
    }

    private static DataOptions DataOptions(JournalSettings settings)
    {
        var options = new DataOptions().UseConnectionString(settings.ProviderName, settings.EffectiveConnectionString);
        return settings.Provider == JournalProvider.Sqlite && settings.GroupCommit
            ? options.UseInterceptor(SqliteGroupCommitInterceptor.Instance)
            : options;
    }

    /// <summary>The read journal's connections: on SQLite, transactions that do not take the write lock (<see cref="DeferredSqliteConnection"/>).</summary>
    private static DataOptions ReadDataOptions(JournalSettings settings) => settings.Provider == JournalProvider.Sqlite
        ? new DataOptions()
            .UseConnectionString(settings.ProviderName, settings.EffectiveConnectionString)
            .UseConnectionFactory(
                LinqToDB.DataProvider.SQLite.SQLiteTools.GetDataProvider(LinqToDB.DataProvider.SQLite.SQLiteProvider.Microsoft),
                _ => new DeferredSqliteConnection(settings.EffectiveConnectionString))
        : DataOptions(settings);

    // Akka.Persistence.Sql.Hosting gives the read journal the write journal's data options.
    private static AkkaConfigurationBuilder WithReadDataOptions(this AkkaConfigurationBuilder builder, JournalSettings settings)
    {
        builder.Setups.OfType<MultiDataOptionsSetup>().First().AddDataOptions(QueryPluginId, ReadDataOptions(settings));
        return builder;
    }

    /// <summary>What the typed options cannot say: the plugin classes, the replay filter, one writer at a time on SQLite, and the event stream's tagging and polling.</summary>
    private static Config Overrides(JournalSettings settings)
    {
        var journalClass = $"{typeof(FailpointSqlJournal).FullName}, {typeof(FailpointSqlJournal).Assembly.GetName().Name}";
        var snapshotClass = $"{typeof(StartupSnapshotSqlStore).FullName}, {typeof(StartupSnapshotSqlStore).Assembly.GetName().Name}";
        // SQLite has one writer per file: a second batch in flight only waits for the lock, and
        // with the interceptor's yield a single writer is what lets batches grow (see
        // SqliteGroupCommitInterceptor).
        // A batch is also capped by batch-size (100 by default): with 256 writers that is three
        // commits, three fsyncs, where one would do; the writes are small rows.
        var parallelism = settings.Provider == JournalProvider.Sqlite && settings.GroupCommit ? "parallelism = 1\n  batch-size = 1000\n  max-row-by-row-size = 1000" : string.Empty;
        return ConfigurationFactory.ParseString($$"""
            {{JournalPluginId}} {
              class = "{{journalClass}}"
              {{parallelism}}
              # The filter guards a replay against two live writers of one persistence id (a split
              # cluster). One process owns this journal and one incarnation of each actor writes, so
              # the filter would only cost an extra actor per recovery.
              replay-filter.mode = off
            }
            {{SnapshotPluginId}} {
              class = "{{snapshotClass}}"
            }
            """).WithFallback(LifecycleQueryConfig.For(settings));
    }
}
