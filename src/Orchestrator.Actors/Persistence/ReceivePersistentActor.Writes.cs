using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Persistence;

public abstract partial class ReceivePersistentActor
{
    // Persisted but not yet sent to the journal. What one command persists goes out in one WriteMessagesAsync
    // call; while a call is in flight, further entries gather here and follow in the next (Akka's journal batch).
    private readonly List<PendingInvocation> _eventBatch = [];
    private long _sequenceNr;
    private int _pendingStashingInvocations;
    private int _pendingInvocations;
    private bool _writeInProgress;

    // Above zero while a command handler, the RecoveryCompleted handler or an event handler runs: whoever
    // called it flushes the batch afterwards. Elsewhere (after an await in an async handler) a write starts at once.
    private int _flushDeferred;

    /// <summary>
    /// Stores <paramref name="event"/>, then calls <paramref name="handler"/> with it inside the actor, with
    /// <see cref="ActorBase.Sender"/> being the sender of the command and <see cref="LastSequenceNr"/> the
    /// event's. Commands that arrive meanwhile are held back. Handlers of several calls run in call order.
    /// </summary>
    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotRecovering(nameof(Persist));
        Enqueue(PendingInvocation.ForWrite(new AtomicWrite(NextPersistent(@event)), e => handler((TEvent)e), null, Cell.CurrentEnvelope));
        FlushUnlessDeferred();
    }

    /// <summary>
    /// Stores <paramref name="events"/> atomically (all or none, in one <see cref="AtomicWrite"/>), then calls
    /// <paramref name="handler"/> for each, in order. Nothing happens for an empty sequence.
    /// </summary>
    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotRecovering(nameof(PersistAll));
        var write = NextAtomicWrite(events);
        if (write is null)
        {
            return;
        }

        Enqueue(PendingInvocation.ForWrite(write, e => handler((TEvent)e), null, Cell.CurrentEnvelope));
        FlushUnlessDeferred();
    }

    /// <summary>
    /// Calls <paramref name="handler"/> after the handlers of every persist call made before it, without
    /// storing anything; at once when none is pending. It does not hold back commands by itself.
    /// </summary>
    public void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotRecovering(nameof(DeferAsync));
        if (_pendingInvocations == 0)
        {
            handler(@event);
            return;
        }

        Enqueue(PendingInvocation.ForDeferred(@event, e => handler((TEvent)e), Cell.CurrentEnvelope));
        FlushUnlessDeferred();
    }

    /// <summary>
    /// Stores <paramref name="event"/> and completes once it is durable, with <see cref="LastSequenceNr"/>
    /// advanced; the caller applies the event to its state after the await. Not part of Akka's API: this
    /// project's async handlers persist an intent, call out, and persist the outcome in one handler.
    /// </summary>
    /// <remarks>
    /// Awaited inside <see cref="CommandAsync{T}(Func{T, Task})"/> or a task started with
    /// <see cref="ActorBase.RunTask"/>, the continuation runs inside the actor and no other command is
    /// processed until the whole handler has finished. A rejected write faults the task with the rejection
    /// after <see cref="OnPersistRejected"/> ran, and the actor goes on; a failed write faults it with the
    /// journal's exception after <see cref="OnPersistFailure"/> ran, and the actor stops.
    /// </remarks>
    protected Task PersistAndWaitAsync<TEvent>(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        EnsureNotRecovering(nameof(PersistAndWaitAsync));
        var completion = new TaskCompletionSource();
        Enqueue(PendingInvocation.ForWrite(new AtomicWrite(NextPersistent(@event)), null, completion, Cell.CurrentEnvelope));
        FlushBatch();
        return completion.Task;
    }

    /// <summary>
    /// Stores <paramref name="events"/> in one <see cref="AtomicWrite"/> and completes once they are durable;
    /// otherwise as <see cref="PersistAndWaitAsync{TEvent}"/>. Completes at once for an empty list.
    /// </summary>
    protected Task PersistAllAndWaitAsync<TEvent>(IReadOnlyList<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        EnsureNotRecovering(nameof(PersistAllAndWaitAsync));
        var write = NextAtomicWrite(events);
        if (write is null)
        {
            return Task.CompletedTask;
        }

        var completion = new TaskCompletionSource();
        Enqueue(PendingInvocation.ForWrite(write, null, completion, Cell.CurrentEnvelope));
        FlushBatch();
        return completion.Task;
    }

    private Persistent NextPersistent(object @event) =>
        new(_persistenceId!, ++_sequenceNr, @event, WriterUuid: _writerUuid);

    private AtomicWrite? NextAtomicWrite<TEvent>(IEnumerable<TEvent> events)
    {
        var payload = new List<Persistent>();
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            payload.Add(NextPersistent(@event));
        }

        return payload.Count == 0 ? null : new AtomicWrite(payload);
    }

    private void EnsureNotRecovering(string operation)
    {
        if (_isRecovering)
        {
            throw new InvalidOperationException(
                $"Cannot call {operation} during recovery of {_persistenceId ?? GetType().Name}: events can be persisted from the RecoveryCompleted handler on.");
        }
    }

    private void Enqueue(PendingInvocation invocation)
    {
        _eventBatch.Add(invocation);
        _pendingInvocations++;
        if (invocation.IsStashing)
        {
            _pendingStashingInvocations++;
        }
    }

    private void FlushUnlessDeferred()
    {
        if (_flushDeferred == 0)
        {
            FlushBatch();
        }
    }
}
