using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Persistence;

/// <summary>
/// One entry of a persistent actor's batch: an atomic write whose handler (or awaiting task) runs once the
/// journal answered, or a deferred event whose handler runs after the writes queued before it.
/// </summary>
internal sealed class PendingInvocation
{
    private PendingInvocation(AtomicWrite? write, object? deferredEvent, Action<object>? handler, TaskCompletionSource? completion, Envelope envelope)
    {
        Write = write;
        DeferredEvent = deferredEvent;
        Handler = handler;
        Completion = completion;
        Envelope = envelope;
    }

    /// <summary>The events to store; null for a deferred event.</summary>
    public AtomicWrite? Write { get; }

    public object? DeferredEvent { get; }

    /// <summary>Called once per event after the write is durable; null for the awaitable forms.</summary>
    public Action<object>? Handler { get; }

    /// <summary>Completed once the write is durable, faulted when it is rejected or fails.</summary>
    public TaskCompletionSource? Completion { get; }

    /// <summary>The command being processed when the event was persisted; its sender is the handler's Sender.</summary>
    public Envelope Envelope { get; }

    /// <summary>Writes hold back commands until they are answered; deferred events do not (Akka's DeferAsync).</summary>
    public bool IsStashing => Write is not null;

    public static PendingInvocation ForWrite(AtomicWrite write, Action<object>? handler, TaskCompletionSource? completion, Envelope envelope) =>
        new(write, null, handler, completion, envelope);

    public static PendingInvocation ForDeferred(object deferredEvent, Action<object> handler, Envelope envelope) =>
        new(null, deferredEvent, handler, null, envelope);
}
