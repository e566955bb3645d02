using Akka.Actor;

namespace Orchestrator.Hosting;

/// <summary>
/// Watches the top-level actors the service cannot work without (the sandbox manager stops itself
/// when the journal fails, rather than guess state it did not persist) and reports their death.
/// </summary>
internal sealed class TopLevelWatchdog : ReceiveActor
{
    private readonly IActorRef[] _watched;

    public TopLevelWatchdog(Action<IActorRef> onStopped, IActorRef[] watched)
    {
        _watched = watched;
        Receive<Terminated>(t => onStopped(t.ActorRef));
    }

    public static Props Props(Action<IActorRef> onStopped, params IActorRef[] watched) =>
        Akka.Actor.Props.Create(() => new TopLevelWatchdog(onStopped, watched));

    protected override void PreStart()
    {
        foreach (var actor in _watched)
        {
            Context.Watch(actor);
        }
    }
}
