namespace Orchestrator.Actors.Runtime;

/// <summary>
/// Who sends a message told without an explicit sender: the actor running on this thread, else the ref a
/// test harness put in <see cref="Ambient"/> for its async flow, else nobody.
/// </summary>
internal static class ImplicitSender
{
    private static readonly AsyncLocal<IActorRef?> AmbientSender = new();

    /// <summary>Set by the TestKit so that <c>actor.Tell(msg)</c> from a test gets replies in its TestActor.</summary>
    public static IActorRef? Ambient
    {
        get => AmbientSender.Value;
        set => AmbientSender.Value = value;
    }

    public static IActorRef Resolve() => ActorCell.Current?.Self ?? AmbientSender.Value ?? ActorRefs.NoSender;
}
