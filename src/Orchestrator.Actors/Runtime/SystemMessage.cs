namespace Orchestrator.Actors.Runtime;

/// <summary>
/// Lifecycle, supervision and death-watch messages. They travel in a queue of their own that the mailbox
/// drains before every user message, so they overtake whatever user messages are waiting. Each instance is
/// queued once: <see cref="Next"/> links it into the mailbox's lock-free stack.
/// </summary>
internal abstract class SystemMessage
{
    internal SystemMessage? Next { get; set; }

    /// <summary>Construct the actor and run PreStart.</summary>
    internal sealed class Create : SystemMessage;

    /// <summary>The supervisor decided to restart this actor after <paramref name="Cause"/>.</summary>
    internal sealed class Recreate(Exception cause) : SystemMessage
    {
        public Exception Cause { get; } = cause;
    }

    /// <summary>Stop processing user messages (an ancestor failed or a sibling restart is coming).</summary>
    internal sealed class Suspend : SystemMessage;

    /// <summary>Undo one suspension; with a cause, the actor's own failure is forgiven.</summary>
    internal sealed class Resume(Exception? causedByFailure) : SystemMessage
    {
        public Exception? CausedByFailure { get; } = causedByFailure;
    }

    internal sealed class Terminate : SystemMessage;

    /// <summary>A child failed; sent to its parent.</summary>
    internal sealed class Failed(IActorRef child, Exception cause) : SystemMessage
    {
        public IActorRef Child { get; } = child;

        public Exception Cause { get; } = cause;
    }

    internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
    {
        public IInternalActorRef Watchee { get; } = watchee;

        public IInternalActorRef Watcher { get; } = watcher;
    }

    internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
    {
        public IInternalActorRef Watchee { get; } = watchee;

        public IInternalActorRef Watcher { get; } = watcher;
    }

    /// <summary>The watched actor (or a child) has stopped.</summary>
    internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed) : SystemMessage
    {
        public IActorRef Actor { get; } = actor;

        public bool ExistenceConfirmed { get; } = existenceConfirmed;
    }

    /// <summary>A continuation of an async handler, to run inside the actor.</summary>
    internal sealed class RunContinuation(ActorTaskScheduler scheduler, Task task) : SystemMessage
    {
        public ActorTaskScheduler Scheduler { get; } = scheduler;

        public Task Task { get; } = task;
    }
}
