using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

/// <summary>
/// How to make an actor: a factory delegate (never reflection), plus the dispatcher it runs on and an
/// optional strategy for supervising its children. Immutable; the <c>With…</c> methods return copies.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy, string dispatcher)
    {
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
        Dispatcher = dispatcher;
    }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> for its children.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public string Dispatcher { get; }

    public static Props Create<TActor>()
        where TActor : ActorBase, new() =>
        new(static () => new TActor(), null, Dispatchers.DefaultDispatcherId);

    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, null, Dispatchers.DefaultDispatcherId);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(_factory, strategy, Dispatcher);
    }

    /// <summary><see cref="Dispatchers.DefaultDispatcherId"/> or <see cref="Dispatchers.PinnedDispatcherId"/>.</summary>
    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentNullException.ThrowIfNull(dispatcherId);
        if (!Dispatchers.IsKnown(dispatcherId))
        {
            throw new ArgumentException($"Unknown dispatcher [{dispatcherId}]", nameof(dispatcherId));
        }

        return new Props(_factory, SupervisorStrategy, dispatcherId);
    }

    internal ActorBase NewActor() => _factory();
}
