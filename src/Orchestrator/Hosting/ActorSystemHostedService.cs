using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Hosting;

/// <summary>Creates the actor system and its top-level actors when the host starts; terminates it when the host stops.</summary>
public sealed class ActorSystemHostedService(ActorSystemBuilder builder, ActorRegistry registry, IServiceProvider services, ILogger<ActorSystemHostedService> logger)
    : IHostedService
{
    private ActorSystem? _system;
    private ActorSystemSettings? _settings;

    public ActorSystem System => _system ?? throw new InvalidOperationException("The actor system has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _settings = await builder.SettingsFactory(services, cancellationToken).ConfigureAwait(false);
        _system = ActorSystem.Create(builder.Name, _settings);
        foreach (var start in builder.Starters)
        {
            start(_system, registry, services);
        }

        HostLog.ActorSystemStarted(logger, builder.Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null)
        {
            return;
        }

        HostLog.ActorSystemStopping(logger, builder.Name);
        try
        {
            await _system.Terminate().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            HostLog.ActorSystemStopTimedOut(logger, builder.Name);
            return;
        }

        foreach (var cleanup in builder.AfterTermination)
        {
            await cleanup(_settings!).ConfigureAwait(false);
        }

        HostLog.ActorSystemStopped(logger, builder.Name);
    }
}
