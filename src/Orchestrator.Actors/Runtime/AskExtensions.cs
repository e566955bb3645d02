namespace Orchestrator.Actors.Runtime;

public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary ref as sender and completes with the first reply.
    /// A <see cref="Status.Failure"/> reply faults the task with its cause; no reply within
    /// <paramref name="timeout"/> (default <see cref="ActorSystemSettings.AskTimeout"/>) faults it with
    /// <see cref="AskTimeoutException"/>; a reply of another type faults it with <see cref="InvalidCastException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = (receiver as IInternalActorRef)?.System
            ?? throw new ArgumentException($"Cannot ask [{receiver.Path}]: it belongs to no actor system.", nameof(receiver));
        var span = timeout ?? system.Settings.AskTimeout;
        if (span <= TimeSpan.Zero && span != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), span, "The ask timeout must be positive or infinite.");
        }

        var promise = new PromiseActorRef<T>(system);
        promise.Start(span, cancellationToken, receiver, message);
        receiver.Tell(message, promise);
        return promise.Task;
    }

    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        receiver.Ask<object>(message, timeout, cancellationToken);
}
