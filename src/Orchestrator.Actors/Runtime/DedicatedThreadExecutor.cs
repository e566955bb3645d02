namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The pinned dispatcher: one OS thread per actor that runs every turn of its mailbox (creation, restarts,
/// async continuations included) and ends when the actor stops. Needed where per-thread kernel state
/// matters, such as a mount namespace entered with unshare(CLONE_NEWNS).
/// </summary>
internal sealed class DedicatedThreadExecutor : MailboxExecutor
{
    // The mailbox releases at most once per scheduling, so the count never exceeds one.
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly string _threadName;
    private Mailbox? _mailbox;

    public DedicatedThreadExecutor(string threadName)
    {
        _threadName = threadName;
    }

    public override void Execute(Mailbox mailbox)
    {
        if (_mailbox is null)
        {
            // The first scheduling is the Create message; later ones cannot race it because the mailbox
            // stays scheduled until this thread has run it.
            _mailbox = mailbox;
            var thread = new Thread(Loop) { IsBackground = true, Name = _threadName };

            // UnsafeStart: the thread must not inherit the creator's execution context (async locals).
            thread.UnsafeStart();
        }

        _wakeUp.Release();
    }

    // The thread is the actor's alone: nobody else is waiting for it.
    public override bool ShouldYield() => false;

    private void Loop()
    {
        var mailbox = _mailbox!;
        while (!mailbox.IsClosed)
        {
            _wakeUp.Wait();
            mailbox.Run();
        }
    }
}
