using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Hosting;

/// <summary>Hosts an actor system in a generic host, the way Akka.Hosting's <c>AddAkka</c> does.</summary>
public static class ActorSystemServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="ActorSystem"/> started and stopped by a hosted service, and the
    /// <see cref="ActorRegistry"/> of its top-level actors. Call it before the web server is added (the
    /// web application builder adds its server last), so the system stops only after the server has
    /// finished its in-flight requests.
    /// </summary>
    public static IServiceCollection AddActorSystem(this IServiceCollection services, string name, Action<ActorSystemBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ActorSystemBuilder(name);
        configure(builder);
        services.AddSingleton(builder);
        services.AddSingleton<ActorRegistry>();
        services.AddSingleton<ActorSystemHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ActorSystemHostedService>());
        services.AddSingleton(sp => sp.GetRequiredService<ActorSystemHostedService>().System);
        return services;
    }
}
