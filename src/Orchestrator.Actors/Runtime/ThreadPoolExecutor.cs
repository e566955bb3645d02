namespace Orchestrator.Actors.Runtime;

/// <summary>The default dispatcher: mailboxes run as thread-pool work items.</summary>
internal sealed class ThreadPoolExecutor : MailboxExecutor
{
    private ThreadPoolExecutor()
    {
    }

    public static ThreadPoolExecutor Instance { get; } = new();

    // preferLocal: false puts the mailbox on the global queue, so a busy actor cannot keep
    // re-queueing itself onto one worker's local queue ahead of everyone else.
    public override void Execute(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);

    // Re-queueing costs a thread-pool round trip (often a thread wake-up); it only buys fairness when
    // someone else is queued, so a busy actor keeps its thread while the pool has nothing else to run.
    public override bool ShouldYield() => ThreadPool.PendingWorkItemCount > 0;
}
