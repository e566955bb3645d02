namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The task scheduler of an actor's async handlers: code already running inside the actor executes
/// inline, anything else (a continuation completing on another thread) is posted to the actor's mailbox.
/// </summary>
internal sealed class ActorTaskScheduler : TaskScheduler
{
    private readonly ActorCell _cell;

    public ActorTaskScheduler(ActorCell cell)
    {
        _cell = cell;
    }

    public override int MaximumConcurrencyLevel => 1;

    internal void Execute(Task task) => TryExecuteTask(task);

    protected override void QueueTask(Task task)
    {
        if (ReferenceEquals(ActorCell.Current, _cell))
        {
            TryExecuteTask(task);
        }
        else
        {
            _cell.SendSystemMessage(new SystemMessage.RunContinuation(this, task));
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(ActorCell.Current, _cell) && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
