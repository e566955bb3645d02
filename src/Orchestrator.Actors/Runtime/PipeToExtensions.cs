namespace Orchestrator.Actors.Runtime;

public static class PipeToExtensions
{
    /// <summary>
    /// When the task completes, tells its result (or <see cref="Status.Failure"/> with the exception) to
    /// <paramref name="recipient"/>: the usual way to bring the outcome of async work back into an actor as
    /// a message, without holding the actor while it runs.
    /// </summary>
    public static Task PipeTo<T>(
        this Task<T> task,
        IActorRef recipient,
        IActorRef? sender = null,
        Func<T, object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        var from = sender ?? ImplicitSender.Resolve();
        return task.ContinueWith(
            t => recipient.Tell(
                t.IsCompletedSuccessfully
                    ? success is null ? t.Result! : success(t.Result)
                    : Fail(t, failure),
                from),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public static Task PipeTo(
        this Task task,
        IActorRef recipient,
        IActorRef? sender = null,
        Func<object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        var from = sender ?? ImplicitSender.Resolve();
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    if (success is not null)
                    {
                        recipient.Tell(success(), from);
                    }
                }
                else
                {
                    recipient.Tell(Fail(t, failure), from);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static object Fail(Task task, Func<Exception, object>? failure)
    {
        Exception cause = task.IsCanceled
            ? new TaskCanceledException(task)
            : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
        return failure is null ? new Status.Failure(cause) : failure(cause);
    }
}
