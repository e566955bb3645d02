using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Persistence;

/// <summary>
/// An event-sourced actor with the semantics of Akka.Persistence's <c>ReceivePersistentActor</c>. Its state is
/// rebuilt from the journal on every start and restart (newest snapshot first as a <see cref="SnapshotOffer"/>,
/// then the events after it, then <see cref="RecoveryCompleted"/>); commands that arrive meanwhile are held back
/// and delivered afterwards, in order.
/// </summary>
/// <remarks>
/// <para>
/// Commands are registered with <see cref="Command{T}(Action{T})"/> and friends, recovery handlers with
/// <see cref="Recover{T}(Action{T})"/>; both only in the constructor (commands also inside <see cref="Become"/>).
/// <see cref="Persist{TEvent}"/> runs its handler once the event is durable, holding back other commands until
/// then. A write the journal rejects calls <see cref="OnPersistRejected"/> and the actor goes on; a write that
/// fails calls <see cref="OnPersistFailure"/> and stops the actor, as does any failure of recovery
/// (<see cref="OnRecoveryFailure"/>): state that was not read or written is never guessed.
/// </para>
/// <para>
/// This project adds <see cref="PersistAndWaitAsync{TEvent}"/> and <see cref="PersistAllAndWaitAsync{TEvent}"/>
/// to Akka's API, for async command handlers that persist an intent, call out, and persist the outcome.
/// </para>
/// </remarks>
public abstract partial class ReceivePersistentActor : ActorBase
{
    private readonly IJournal _journal;
    private readonly ISnapshotStore? _snapshotStore;
    private readonly IStash _internalStash;
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private readonly ReceiveHandlers _recoverHandlers = new();
    private readonly ReceiveHandlers _initialCommands = new();
    private ReceiveHandlers? _configuringCommands;
    private bool _configuringRecovery = true;
    private string? _persistenceId;
    private bool _isRecovering = true;

    // Set when this instance is replaced (restart) or stopped: a journal answer that arrives later belongs to
    // nobody, since the next incarnation recovers from what the journal holds.
    private bool _incarnationOver;

    protected ReceivePersistentActor()
    {
        var settings = Context.System.Settings;
        _journal = settings.Journal ?? throw new InvalidOperationException(
            $"Persistent actor {GetType().Name} at [{Self.Path}] needs a journal, but actor system [{Context.System.Name}] has none: " +
            $"set {nameof(ActorSystemSettings)}.{nameof(ActorSystemSettings.Journal)} when creating the system.");
        _snapshotStore = settings.SnapshotStore;
        _internalStash = CreateStash();
        _configuringCommands = _initialCommands;
    }

    /// <summary>The id of this actor's history in the journal; must stay the same across restarts and builds.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>
    /// The sequence number of the last event replayed or stored; inside a persist handler, that of the event
    /// being handled. Sequence numbers continue after the highest ever stored, deleted ones included.
    /// </summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>True until the last event has been replayed (false inside the <see cref="RecoveryCompleted"/> handler).</summary>
    public bool IsRecovering => _isRecovering;

    /// <summary>Handles <typeparamref name="T"/> during recovery: replayed events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>.</summary>
    protected void Recover<T>(Action<T> handler) => AddRecover(new ReceiveHandlers.Sync<T>(handler, null));

    protected void Recover<T>(Predicate<T> shouldHandle, Action<T> handler) => AddRecover(new ReceiveHandlers.Sync<T>(handler, shouldHandle));

    protected void RecoverAny(Action<object> handler) => AddRecover(new ReceiveHandlers.Sync<object>(handler, null));

    protected void Command<T>(Action<T> handler) => AddCommand(new ReceiveHandlers.Sync<T>(handler, null));

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => AddCommand(new ReceiveHandlers.Sync<T>(handler, shouldHandle));

    /// <summary>
    /// Handles <typeparamref name="T"/> asynchronously: the actor processes no other command until the task
    /// completes, and every continuation runs inside the actor (see <see cref="ActorBase.RunTask"/>).
    /// </summary>
    protected void CommandAsync<T>(Func<T, Task> handler) => CommandAsync(null, handler);

    protected void CommandAsync<T>(Predicate<T>? shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddCommand(new ReceiveHandlers.Sync<T>(command => RunTask(() => handler(command)), shouldHandle));
    }

    protected void CommandAny(Action<object> handler) => AddCommand(new ReceiveHandlers.Sync<object>(handler, null));

    protected void CommandAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddCommand(new ReceiveHandlers.Sync<object>(command => RunTask(() => handler(command)), null));
    }

    /// <summary>Replaces the command behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _configuringCommands;
        var handlers = new ReceiveHandlers();
        _configuringCommands = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuringCommands = previous;
        }

        Context.Become(handlers.TryHandle);
    }

    /// <summary>
    /// Called when recovery failed: the journal or snapshot store threw, an event could not be read, or a
    /// Recover handler threw (<paramref name="message"/> is then what it was handling). The actor stops afterwards.
    /// </summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? message) =>
        PersistentActorLog.RecoveryFailed(Log, reason, _persistenceId ?? PersistenceId, message?.GetType().Name ?? "nothing");

    /// <summary>Called for each event of a write that failed (the journal threw). The actor stops afterwards.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        PersistentActorLog.PersistFailed(Log, cause, _persistenceId ?? PersistenceId, sequenceNr, @event.GetType().Name);

    /// <summary>Called for each event of a write the journal rejected; its handler is not called and the actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistentActorLog.PersistRejected(Log, cause, _persistenceId ?? PersistenceId, sequenceNr, @event.GetType().Name);

    protected sealed override bool Receive(object message) => _initialCommands.TryHandle(message);

    /// <summary>Holds commands back while recovering or persisting; flushes what a command persisted once it returns.</summary>
    protected internal sealed override bool AroundReceive(Func<object, bool> receive, object message)
    {
        if (_isRecovering || _pendingStashingInvocations > 0)
        {
            _internalStash.Stash();
            return true;
        }

        bool handled;
        _flushDeferred++;
        try
        {
            handled = receive(message);
        }
        catch (Exception e)
        {
            // The command failed half-way: what it persisted is not written, so the restarted actor does not
            // recover events of a command that never completed.
            DiscardBatch(e);
            throw;
        }
        finally
        {
            _flushDeferred--;
        }

        FlushBatch();
        return handled;
    }

    protected internal sealed override void AroundPreStart()
    {
        CloseConfiguration();
        base.AroundPreStart();
        StartRecovery();
    }

    protected internal sealed override void AroundPreRestart(Exception reason, object? message)
    {
        _incarnationOver = true;
        base.AroundPreRestart(reason, message);
    }

    protected internal sealed override void AroundPostRestart(Exception reason)
    {
        CloseConfiguration();
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    protected internal sealed override void AroundPostStop()
    {
        _incarnationOver = true;
        base.AroundPostStop();
    }

    private void CloseConfiguration()
    {
        _configuringRecovery = false;
        if (ReferenceEquals(_configuringCommands, _initialCommands))
        {
            _configuringCommands = null;
        }

        var id = PersistenceId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidOperationException($"Persistent actor {GetType().Name} at [{Self.Path}] has an empty PersistenceId.");
        }

        _persistenceId = id;
    }

    private void AddRecover(ReceiveHandlers.Handler handler)
    {
        if (!_configuringRecovery)
        {
            throw new InvalidOperationException("Recover can only be called in the constructor.");
        }

        _recoverHandlers.Add(handler);
    }

    private void AddCommand(ReceiveHandlers.Handler handler)
    {
        var target = _configuringCommands
            ?? throw new InvalidOperationException("Command can only be called in the constructor or inside Become(Action).");
        target.Add(handler);
    }
}
