namespace Orchestrator.Actors.Runtime;

internal sealed class NobodyActorRef : MinimalActorRef
{
    private static readonly ActorPath NobodyPath = ActorPath.CreateRoot("all-systems").Child("nobody");

    public override ActorPath Path => NobodyPath;

    public override ActorSystem? System => null;

    public override void Tell(object message, IActorRef? sender = null)
    {
        // Nobody belongs to no system, so there is no dead-letter office to hand the message to.
    }
}
