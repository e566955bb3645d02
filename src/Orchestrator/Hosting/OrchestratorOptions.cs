using Microsoft.Extensions.Configuration;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Hosting;

/// <summary>
/// The service's configuration (section <c>Orchestrator</c>), validated as a whole by
/// <see cref="Load"/>: every value the service runs with has been checked before the first side effect.
/// </summary>
public sealed partial record OrchestratorOptions
{
    public const string Section = "Orchestrator";

    /// <summary>Where state that survives a reboot lives (the SQLite journal).</summary>
    public required string StateDir { get; init; }

    /// <summary>Where sandboxes are laid out (<c>&lt;RunDir&gt;/sandboxes</c>); canonical once <see cref="CanonicalizeRunDir"/> ran.</summary>
    public required string RunDir { get; init; }

    /// <summary>The API's unix socket.</summary>
    public required string Socket { get; init; }

    public JournalProvider JournalProvider { get; init; } = JournalProvider.Sqlite;

    /// <summary>The PostgreSQL connection string; required with <see cref="JournalProvider.Postgres"/>.</summary>
    public string? JournalConnectionString { get; init; }

    /// <summary><c>&lt;StateDir&gt;/journal.db</c>.</summary>
    public string JournalPath => Journal.DatabasePath;

    /// <summary>
    /// The journal's settings, for <see cref="JournalPersistence.PrepareAsync(JournalSettings, ILogger, CancellationToken)"/>
    /// and <see cref="JournalPersistence.WithOrchestratorPersistence"/> in the host and for <see cref="JournalRows"/> offline.
    /// </summary>
    public JournalSettings Journal => new(JournalProvider, StateDir, JournalConnectionString);

    /// <summary>
    /// <c>Orchestrator:Journal:RetainDestroyedSeconds</c>: how long the journal keeps the history of a
    /// destroyed sandbox or a removed container before deleting it.
    /// </summary>
    public TimeSpan RetainDestroyed { get; init; } = TimeSpan.FromSeconds(DefaultRetainDestroyedSeconds);

    /// <summary>
    /// <c>Orchestrator:PassivateIdleContainersAfterSeconds</c>: how long a container's actor may stay idle
    /// before it is stopped (its resources stay; the next request recovers it from the journal). Zero or
    /// negative: never.
    /// </summary>
    public TimeSpan PassivateIdleContainersAfter { get; init; } = TimeSpan.FromSeconds(DefaultPassivateIdleContainersAfterSeconds);

    public MountNamespaceMode MountNamespace { get; init; } = MountNamespaceMode.Host;

    public string? NydusApiSocket { get; init; }

    /// <summary>
    /// <c>Orchestrator:Sources:AllowedRoots</c>: when not empty, every host source handed to a guest must be
    /// at or below one of these; system paths and the service's own dirs are refused either way.
    /// </summary>
    public IReadOnlyList<string> AllowedSourceRoots { get; init; } = [];

    /// <summary>Which host paths may be handed to a guest: never the state or run dir, and only below the allow-list when one is set.</summary>
    public Orchestrator.Native.HostPaths.SourcePolicy SourcePolicy() => new([StateDir, RunDir], AllowedSourceRoots);

    public TeardownRetryPolicy Teardown { get; init; } = TeardownRetryPolicy.Default;

    /// <summary>The event stream's limits (<c>Orchestrator:Events:*</c>).</summary>
    public Orchestrator.Events.EventStreamOptions Events { get; init; } = Orchestrator.Events.EventStreamOptions.Default;

    /// <summary>How long a stop waits for in-flight requests before the actor system is terminated anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>OTLP export of traces and metrics (<c>Orchestrator:Telemetry:*</c>); none by default.</summary>
    public TelemetryOptions Telemetry { get; init; } = TelemetryOptions.None;

    /// <summary>
    /// Layers the configuration sources: the file named by <c>--config FILE</c> or <c>ORCHESTRATOR_CONFIG</c>
    /// (the flag wins) when one is named, else <c>appsettings.json</c> next to the binary, then in the current
    /// directory; then environment variables (<c>ORCHESTRATOR__RUNDIR</c> sets <c>Orchestrator:RunDir</c>),
    /// then command-line overrides (<c>--Orchestrator:RunDir=/x</c>); later sources win. Other arguments are ignored.
    /// </summary>
    /// <exception cref="ConfigurationProblemException">The named file does not exist or is not JSON.</exception>
    public static IConfiguration BuildConfiguration(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = new ConfigurationBuilder();
        var named = ConfigFile.AddFiles(builder, args);

        builder.AddEnvironmentVariables();
        builder.AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal) && !ConfigFile.IsFlag(a)).ToArray());
        return ConfigFile.Build(builder, named);
    }

    /// <summary>Opens the configured journal's tables for reading, with no actor system. The caller disposes it.</summary>
    /// <exception cref="JournalSchemaException">There is no journal, or not one this build reads.</exception>
    public static Task<JournalRows> OpenJournalRowsAsync(OrchestratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JournalRows.OpenAsync(options.Journal, EventSerialization.DefaultRegistry, cancellationToken);
    }

    /// <summary>The actor tree's settings for these options.</summary>
    public SandboxTreeSettings ToTreeSettings() => new()
    {
        RunDir = RunDir,
        NydusApiSocket = NydusApiSocket,
        RetryPolicy = Teardown,
        RetainDestroyed = RetainDestroyed,
        PassivateIdleContainersAfter = PassivateIdleContainersAfter,
    };
}
