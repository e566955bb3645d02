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
}
