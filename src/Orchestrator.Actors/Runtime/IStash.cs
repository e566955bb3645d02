namespace Orchestrator.Actors.Runtime;

/// <summary>Messages set aside by an actor to be processed later, each with its original sender.</summary>
public interface IStash
{
    int Count { get; }

    /// <summary>Sets the message being processed aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message in front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Empties the stash without delivering anything, returning what it held.</summary>
    IReadOnlyList<Envelope> ClearStash();
}
