namespace Orchestrator.Actors.Runtime;

/// <summary>Runs a scheduled mailbox somewhere: on the thread pool, or on the actor's own thread.</summary>
internal abstract class MailboxExecutor
{
    /// <summary>Called once per scheduling: the mailbox guarantees at most one outstanding call.</summary>
    public abstract void Execute(Mailbox mailbox);
}
