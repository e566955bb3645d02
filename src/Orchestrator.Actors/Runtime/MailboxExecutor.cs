namespace Orchestrator.Actors.Runtime;

/// <summary>Runs a scheduled mailbox somewhere: on the thread pool, or on the actor's own thread.</summary>
internal abstract class MailboxExecutor
{
    /// <summary>Called once per scheduling: the mailbox guarantees at most one outstanding call.</summary>
    public abstract void Execute(Mailbox mailbox);

    /// <summary>
    /// Asked after each batch of <c>throughput</c> messages: true when the mailbox should give up its thread
    /// because other work is waiting for it.
    /// </summary>
    public abstract bool ShouldYield();
}
