using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The base of every actor. Instances are created only by the runtime (through <see cref="Props"/>), which
/// makes the context available from the constructor on. All members run on the actor's turn, one message at
/// a time.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private ILogger? _log;

    protected ActorBase()
    {
        _cell = ActorCell.Current
            ?? throw new InvalidOperationException("An actor can only be created by the runtime, through ActorOf(Props).");

        // Derived field initialisers have already run, so the injected values are not overwritten.
        if (this is IWithStash withStash)
        {
            withStash.Stash = _cell.UserStash;
        }

        if (this is IWithTimers withTimers)
        {
            withTimers.Timers = _cell.Timers;
        }
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    /// <summary>A logger named after the actor's class whose entries carry <c>{ActorPath}</c> in a scope.</summary>
    protected ILogger Log => _log ??= _cell.GetLogger(GetType());

    internal ActorCell Cell => _cell;

    /// <summary>The initial behaviour; <see cref="IActorContext.Become"/> replaces it.</summary>
    protected abstract bool Receive(object message);

    internal bool ReceiveInternal(object message) => Receive(message);

    /// <summary>
    /// Wraps the processing of every user message handed to the current behaviour. A subclass can run code
    /// before and after, or divert the message (a persistent actor stashes commands while it persists).
    /// </summary>
    protected internal virtual bool AroundReceive(Func<object, bool> receive, object message) => receive(message);

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> raises
    /// <see cref="DeathPactException"/>, anything else is published as <see cref="UnhandledMessage"/> and logged.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.PublishUnhandled(message);
    }

    internal void UnhandledInternal(object message) => Unhandled(message);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>On the failed instance, before it is replaced. By default stops every child, then runs PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>On the fresh instance after a restart. By default runs PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children (unless its Props set one).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.DefaultStrategy;

    internal SupervisorStrategy SupervisorStrategyInternal => SupervisorStrategy();

    protected internal virtual void AroundPreStart() => PreStart();

    protected internal virtual void AroundPostStop() => PostStop();

    protected internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    protected internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>
    /// Runs <paramref name="action"/> as part of the current message: the actor takes no other user message
    /// until the returned task completes, every continuation after an await runs inside the actor (on its
    /// dispatcher, never concurrently with another message), and <see cref="Sender"/> stays the sender of
    /// the current message. A fault fails the actor like an exception thrown from Receive.
    /// </summary>
    protected void RunTask(Func<Task> action) => _cell.RunTask(action);

    /// <summary>
    /// A stash separate from <see cref="IWithStash.Stash"/> for runtime-level subclasses (a persistent actor
    /// holds commands there while it persists). Like the user stash it is unstashed on restart and its
    /// messages become dead letters on stop.
    /// </summary>
    internal IStash CreateStash() => _cell.CreateStash();
}
