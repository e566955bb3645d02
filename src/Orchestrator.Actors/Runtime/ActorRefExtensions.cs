namespace Orchestrator.Actors.Runtime;

public static class ActorRefExtensions
{
    /// <summary>Tells <paramref name="message"/> keeping the original sender of the message being processed.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var sender = ActorCell.Current is { } cell ? cell.CurrentEnvelope.Sender ?? ActorRefs.NoSender : ActorRefs.NoSender;
        receiver.Tell(message, sender);
    }
}
