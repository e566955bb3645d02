using System.Collections.Concurrent;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Hosting;

/// <summary>
/// The top-level actors of the hosted actor system, keyed by a type (usually the actor's class), so
/// endpoints ask <c>registry.Get&lt;SandboxManager&gt;()</c> instead of carrying paths around.
/// </summary>
public sealed class ActorRegistry
{
    private readonly ConcurrentDictionary<Type, IActorRef> _actors = new();

    public void Register<TKey>(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!_actors.TryAdd(typeof(TKey), actor))
        {
            throw new InvalidOperationException($"An actor is already registered under {typeof(TKey).Name}.");
        }
    }

    public IActorRef Get<TKey>() =>
        TryGet<TKey>(out var actor) ? actor : throw new InvalidOperationException($"No actor is registered under {typeof(TKey).Name}; has the actor system started?");

    public bool TryGet<TKey>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IActorRef? actor) => _actors.TryGetValue(typeof(TKey), out actor);
}
