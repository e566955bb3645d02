namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    private ActorTaskScheduler? _taskScheduler;
    private Envelope _taskEnvelope;

    // Bumped by each restart so that the completion of a task started by a previous incarnation is ignored.
    private int _taskGeneration;

    /// <summary>
    /// Runs tasks inside this actor: code already on the actor's turn inline, later continuations as system
    /// messages. Runtime-level subclasses (a persistent actor awaiting its journal) start their own flows on it.
    /// </summary>
    internal ActorTaskScheduler ContinuationScheduler => _taskScheduler ??= new ActorTaskScheduler(this);

    internal void RunTask(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!ReferenceEquals(_current, this))
        {
            throw new InvalidOperationException("RunTask can only be called from inside the actor, while it processes a message.");
        }

        var scheduler = ContinuationScheduler;
        var generation = _taskGeneration;
        _taskEnvelope = _currentEnvelope;
        _mailbox.SetAwaitingTask(true);

        // The scheduler runs the first part inline (we are inside the actor) and posts every later
        // continuation to the mailbox as a system message, so it never overlaps another message.
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, scheduler)
            .Unwrap()
            .ContinueWith(
                (task, state) => ((ActorCell)state!).OnTaskCompleted(task, generation),
                this,
                CancellationToken.None,
                TaskContinuationOptions.None,
                scheduler);
    }

    private void RunContinuation(SystemMessage.RunContinuation continuation)
    {
        if (_actor is null)
        {
            return;
        }

        _currentEnvelope = _taskEnvelope;
        try
        {
            continuation.Scheduler.Execute(continuation.Task);
        }
        finally
        {
            if (_failure is null)
            {
                _currentEnvelope = default;
            }
        }
    }

    private void OnTaskCompleted(Task task, int generation)
    {
        if (generation != _taskGeneration || _actor is null)
        {
            return;
        }

        _taskEnvelope = default;
        _mailbox.SetAwaitingTask(false);
        if (task.IsFaulted)
        {
            var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            HandleInvokeFailure(exception);
        }
        else if (task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(task));
        }
    }
}
