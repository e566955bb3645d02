namespace Orchestrator.Actors.Runtime;

public static class ActorRefs
{
    /// <summary>A ref that exists in no system: messages told to it vanish, watching it yields Terminated.</summary>
    public static IActorRef Nobody { get; } = new NobodyActorRef();

    /// <summary>
    /// Passed explicitly as a sender when there is none. Unlike a null sender it is never replaced by the
    /// implicit sender; the receiver sees <see cref="ActorSystem.DeadLetters"/> as its <c>Sender</c>.
    /// </summary>
    public static IActorRef NoSender => Nobody;
}
