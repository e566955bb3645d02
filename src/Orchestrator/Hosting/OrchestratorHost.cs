using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Api;
using Orchestrator.Api.Contracts;
using Serilog;

namespace Orchestrator.Hosting;

/// <summary><c>orchestrator serve</c>: the API on a unix socket over the hosted actor tree.</summary>
public static partial class OrchestratorHost
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitInvalidConfiguration = 2;

    /// <summary>
    /// Runs the service until SIGTERM/SIGINT or <paramref name="cancellationToken"/>: 0 after a clean
    /// stop, 2 on invalid configuration (one line on stderr naming the key and the problem), 1 when
    /// start-up fails otherwise. <paramref name="args"/> may carry <c>--Orchestrator:Key=value</c> overrides.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        IConfiguration configuration;
        OrchestratorOptions options;
        SocketAccess socketAccess;
        Serilog.Core.Logger logger;
        try
        {
            configuration = OrchestratorOptions.BuildConfiguration(args);
            options = OrchestratorOptions.Load(configuration);
            // Before the run dir is created: bad configuration changes nothing.
            socketAccess = SocketAccess.Resolve(options);
            options = options.CanonicalizeRunDir();
            logger = CreateLogger(configuration);
        }
        catch (ConfigurationProblemException e)
        {
            await Console.Error.WriteLineAsync("orchestrator: invalid configuration: " + e.Message).ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }
        catch (Native.Interop.NativeCallException e)
        {
            await Console.Error.WriteLineAsync("orchestrator: start-up failed: " + e.Message).ConfigureAwait(false);
            return ExitFailed;
        }

        WebApplication app;
        try
        {
            app = Build(configuration, options, logger);
        }
        catch (Exception)
        {
            await logger.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await using (app.ConfigureAwait(false))
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrchestratorHost).FullName!);
            string mountNamespace;
            try
            {
                if (UnixSocketGuard.Prepare(options.Socket))
                {
                    HostLog.StaleSocketRemoved(log, options.Socket);
                }

                // Before any actor recovers: a journal written by an earlier release is upgraded here,
                // once, and one the release cannot read stops start-up with one line.
                await JournalPersistence.PrepareAsync(options.Journal, log, cancellationToken).ConfigureAwait(false);

                // The socket is created by Kestrel's bind: under this umask it is never, not even for
                // an instant, connectable by others before its mode is set below.
                using (UnixSocketGuard.RestrictSocketMode(socketAccess.Mode))
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }

                // Whoever can connect can mount: the owner and the configured group only.
                socketAccess.Apply(options.Socket, options.RunDir);
                mountNamespace = await MountNamespaceReport.ReadAsync(
                    app.Services.GetRequiredService<Akka.Hosting.IRequiredActor<Actors.Native.NativeCallActor>>().ActorRef, ActorCalls.ChangeTimeout, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HostLog.StartFailed(log, e);
                await Console.Error.WriteLineAsync("orchestrator: start-up failed: " + e.Message).ConfigureAwait(false);
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return e is ConfigurationProblemException ? ExitInvalidConfiguration : ExitFailed;
            }

            app.Lifetime.ApplicationStopping.Register(() => HostLog.Draining(log));
            HostLog.Listening(log, options.Socket, socketAccess.ToString(), options.StateDir, options.RunDir, options.JournalProvider, mountNamespace);
            await Readiness.AwaitRecoveryAsync(app, log, cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            File.Delete(options.Socket);
            if (app.Services.GetRequiredService<HostFailure>().Reason is { } reason)
            {
                await Console.Error.WriteLineAsync("orchestrator: stopped: " + reason).ConfigureAwait(false);
                return ExitFailed;
            }

            HostLog.Stopped(log);
            return ExitOk;
        }
    }

    private static WebApplication Build(IConfiguration configuration, OrchestratorOptions options, Serilog.Core.Logger logger)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        // Akka.Logger.Serilog writes through Serilog's static logger: the same sinks as the host's.
        Log.Logger = logger;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenUnixSocket(options.Socket);
            k.AddServerHeader = false;
            // A backstop only: the API answers bodies over the limit with a 413 problem itself; Kestrel,
            // refusing before reading, would just close the connection on the client mid-write.
            k.Limits.MaxRequestBodySize = 4L * Actors.Validation.Limits.MaxRequestBodyBytes;
        });
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));
        builder.Services.AddOpenApi();
        builder.Services.AddOrchestratorTelemetry(options.Telemetry);
        builder.Services.AddSingleton<ActorCalls>();
        builder.Services.AddSingleton<HostFailure>();
        builder.Services.AddSingleton<Events.EventFeed>();
        builder.Services.AddActorTree(options);

        var app = builder.Build();
        app.UseMiddleware<StatusProblemMiddleware>();
        app.UseRouting();
        app.UseMiddleware<DrainingMiddleware>();
        app.MapOpenApi();
        app.MapOrchestratorApi();
        return app;
    }

    private static Serilog.Core.Logger CreateLogger(IConfiguration configuration)
    {
        try
        {
            var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).Enrich.With<TraceContextEnricher>();
            if (!configuration.GetSection("Serilog:WriteTo").GetChildren().Any())
            {
                logger = ConsoleSink.Add(logger);
            }

            return logger.CreateLogger();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ConfigurationProblemException("Serilog", e.Message);
        }
    }
}
