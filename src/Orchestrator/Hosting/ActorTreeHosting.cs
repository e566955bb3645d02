using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Hosting;

/// <summary>
/// The one place that wires the actor system into the generic host: Akka.Hosting's <c>AddAkka</c>, the
/// journal plugin, the native-call actor on its pinned dispatcher, the sandbox manager (reached by the
/// API through the actor registry), and a watchdog that stops the host when either of them dies.
/// </summary>
internal static class ActorTreeHosting
{
    public const string SystemName = "orchestrator";

    // Akka's CLR shutdown hook would run coordinated shutdown as soon as SIGTERM arrives, stopping the
    // actors while Kestrel still drains in-flight requests (a teardown would then answer 500). With the
    // hook off the host stops in its own order: the web server drains first (it is registered last, so
    // it stops first), then Akka.Hosting's service runs coordinated shutdown.
    private const string Hocon = """
        akka {
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          stdout-loglevel = OFF
          loglevel = INFO
          log-dead-letters = 10
          log-dead-letters-during-shutdown = off
        }
        """;

    /// <summary>
    /// Registers the actor system. Call it before the web server is added: the web application builder
    /// adds its server last, so the server starts after the actors exist and stops before they do.
    /// </summary>
    public static IServiceCollection AddActorTree(this IServiceCollection services, OrchestratorOptions options)
    {
        services.AddAkka(SystemName, (akka, sp) =>
        {
            var loggerFactory = sp.GetRequiredService<ILoggerFactory>();
            var lifetime = sp.GetRequiredService<IHostApplicationLifetime>();
            var failure = sp.GetRequiredService<HostFailure>();
            var settings = options.ToTreeSettings() with { LoggerFactory = loggerFactory };
            akka.AddHocon(ConfigurationFactory.ParseString(Hocon).WithFallback(ConfigurationFactory.ParseString(NativeCallActor.DispatcherHocon)), HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    // Akka's own lines go to the host's Serilog sinks with the actor as their source.
                    loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                    loggers.ClearLoggers();
                    loggers.AddLogger<SerilogLogger>();
                })
                .WithOrchestratorPersistence(options.Journal)
                .WithActors((system, registry) =>
                {
                    var native = system.ActorOf(NativeCallActor.Props(options.MountNamespace, loggerFactory, options.SourcePolicy()), "native");
                    registry.Register<NativeCallActor>(native);
                    var manager = system.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
                    registry.Register<SandboxManager>(manager);
                    system.ActorOf(TopLevelWatchdog.Props(stopped => StopHost(lifetime, failure, $"{stopped.Path} stopped unexpectedly (see the log: a journal failure stops it)"), native, manager), "watchdog");
                    system.WhenTerminated.ContinueWith(
                        _ => StopHost(lifetime, failure, "the actor system terminated unexpectedly"),
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                });
        });
        return services;
    }

    // Without the manager or the native actor nothing can be served or recovered: stop, and let
    // whoever supervises the process restart it, so recovery runs from the journal.
    private static void StopHost(IHostApplicationLifetime lifetime, HostFailure failure, string reason)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        failure.Fail(reason);
        lifetime.StopApplication();
    }
}
