using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Persistence;

public abstract partial class ReceivePersistentActor
{
    /// <summary>Sends the batch to the journal unless a call is in flight (whose loop then picks it up).</summary>
    private void FlushBatch()
    {
        if (_writeInProgress || _eventBatch.Count == 0 || _incarnationOver)
        {
            return;
        }

        _writeInProgress = true;
        StartFlow(WriteBatchesAsync);
    }

    private async Task WriteBatchesAsync()
    {
        while (_eventBatch.Count > 0)
        {
            PendingInvocation[] batch = [.. _eventBatch];
            _eventBatch.Clear();
            var writes = batch.Where(static i => i.Write is not null).Select(static i => i.Write!).ToArray();
            IReadOnlyList<Exception?> results = [];
            if (writes.Length > 0)
            {
                try
                {
                    var writing = _journal.WriteMessagesAsync(writes, CancellationToken.None);
                    TrackWriteInFlight(writing);
                    results = await writing.ConfigureAwait(true);
                }
                catch (Exception e)
                {
                    if (!_incarnationOver)
                    {
                        FailWrites(batch, e);
                    }

                    return;
                }

                if (_incarnationOver)
                {
                    return;
                }
            }

            if (!CompleteBatch(batch, results))
            {
                return;
            }
        }

        _writeInProgress = false;
        if (!_isRecovering && _pendingStashingInvocations == 0)
        {
            _internalStash.UnstashAll();
        }
    }

    /// <summary>Runs handlers and completes awaiting tasks in batch order; false when a handler threw.</summary>
    private bool CompleteBatch(PendingInvocation[] batch, IReadOnlyList<Exception?> results)
    {
        var result = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            var invocation = batch[i];
            _pendingInvocations--;
            try
            {
                if (invocation.Write is { } write)
                {
                    _pendingStashingInvocations--;
                    CompleteWrite(invocation, write, results[result++]);
                }
                else
                {
                    RunHandler(invocation.Envelope, invocation.Handler!, invocation.DeferredEvent!);
                }
            }
            catch (Exception e)
            {
                // Like an exception thrown from Receive: the supervisor decides, and what is still pending
                // belongs to an instance that is about to be replaced.
                DiscardPending(batch.AsSpan(i + 1), e);
                _writeInProgress = false;
                Cell.HandleInvokeFailure(e);
                return false;
            }
        }

        return true;
    }

    private void CompleteWrite(PendingInvocation invocation, AtomicWrite write, Exception? rejection)
    {
        foreach (var persistent in write.Payload)
        {
            LastSequenceNr = persistent.SequenceNr;
            if (rejection is not null)
            {
                RunHandler(invocation.Envelope, e => OnPersistRejected(rejection, e, persistent.SequenceNr), persistent.Payload);
            }
            else if (invocation.Handler is { } handler)
            {
                RunHandler(invocation.Envelope, handler, persistent.Payload);
            }
        }

        // Outside RunHandler: the awaiting continuation runs inline with the envelope of its own handler.
        if (rejection is not null)
        {
            invocation.Completion?.TrySetException(rejection);
        }
        else
        {
            invocation.Completion?.TrySetResult();
        }
    }

    private void RunHandler(Envelope envelope, Action<object> handler, object @event)
    {
        var previous = Cell.CurrentEnvelope;
        Cell.CurrentEnvelope = envelope;
        _flushDeferred++;
        try
        {
            handler(@event);
        }
        finally
        {
            _flushDeferred--;
            Cell.CurrentEnvelope = previous;
        }
    }

    /// <summary>The journal threw: nothing of the call can be assumed stored, so the actor stops.</summary>
    private void FailWrites(PendingInvocation[] batch, Exception cause)
    {
        try
        {
            foreach (var invocation in batch)
            {
                foreach (var persistent in invocation.Write?.Payload ?? [])
                {
                    RunHandler(invocation.Envelope, e => OnPersistFailure(cause, e, persistent.SequenceNr), persistent.Payload);
                }
            }
        }
        finally
        {
            // Stop first, so that an awaiting handler that lets the failure escape finds the actor stopping.
            Context.Stop(Self);
            DiscardPending(batch, cause);
        }
    }

    /// <summary>Drops what a failed command persisted before it threw.</summary>
    private void DiscardBatch(Exception cause) => DiscardPending([], cause);

    private void DiscardPending(ReadOnlySpan<PendingInvocation> unfinished, Exception cause)
    {
        PendingInvocation[] dropped = [.. unfinished, .. _eventBatch];
        _eventBatch.Clear();
        foreach (var invocation in dropped)
        {
            _pendingInvocations--;
            if (invocation.IsStashing)
            {
                _pendingStashingInvocations--;
            }
        }

        foreach (var invocation in dropped)
        {
            invocation.Completion?.TrySetException(cause);
        }
    }
}
