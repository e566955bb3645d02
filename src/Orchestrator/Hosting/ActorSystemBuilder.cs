using Orchestrator.Actors.Runtime;

namespace Orchestrator.Hosting;

/// <summary>What <see cref="ActorSystemServiceCollectionExtensions.AddActorSystem"/> is configured with.</summary>
public sealed class ActorSystemBuilder
{
    private readonly List<Action<ActorSystem, ActorRegistry, IServiceProvider>> _starters = [];
    private readonly List<Func<ActorSystemSettings, Task>> _afterTermination = [];

    internal ActorSystemBuilder(string name) => Name = name;

    public string Name { get; }

    internal Func<IServiceProvider, CancellationToken, Task<ActorSystemSettings>> SettingsFactory { get; private set; } =
        (_, _) => Task.FromResult(ActorSystemSettings.Default);

    internal IReadOnlyList<Action<ActorSystem, ActorRegistry, IServiceProvider>> Starters => _starters;

    internal IReadOnlyList<Func<ActorSystemSettings, Task>> AfterTermination => _afterTermination;

    /// <summary>Builds the settings when the host starts (e.g. after opening the journal).</summary>
    public ActorSystemBuilder WithSettings(Func<IServiceProvider, CancellationToken, Task<ActorSystemSettings>> factory)
    {
        SettingsFactory = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Creates top-level actors once the system exists, registering them in the <see cref="ActorRegistry"/>.</summary>
    public ActorSystemBuilder WithActors(Action<ActorSystem, ActorRegistry, IServiceProvider> start)
    {
        _starters.Add(start ?? throw new ArgumentNullException(nameof(start)));
        return this;
    }

    /// <summary>Runs once every actor has stopped (e.g. closes the journal the settings carried).</summary>
    public ActorSystemBuilder AfterTerminated(Func<ActorSystemSettings, Task> cleanup)
    {
        _afterTermination.Add(cleanup ?? throw new ArgumentNullException(nameof(cleanup)));
        return this;
    }
}
