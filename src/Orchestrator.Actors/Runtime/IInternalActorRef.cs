namespace Orchestrator.Actors.Runtime;

/// <summary>What the runtime needs from a ref besides user messages: system messages and a system.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>The owning system; null only for <see cref="ActorRefs.Nobody"/>.</summary>
    ActorSystem? System { get; }

    void SendSystemMessage(SystemMessage message);

    void Stop();
}
