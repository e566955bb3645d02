namespace Orchestrator.Actors.Runtime;

internal sealed class ActorStash : IStash
{
    private readonly ActorCell _cell;
    private List<Envelope>? _messages;
    private long _lastStashedInvocation = -1;

    public ActorStash(ActorCell cell)
    {
        _cell = cell;
    }

    public int Count => _messages?.Count ?? 0;

    public void Stash()
    {
        var envelope = _cell.CurrentEnvelope;
        if (envelope.Message is null)
        {
            throw new InvalidOperationException("There is no current message to stash.");
        }

        if (_lastStashedInvocation == _cell.Invocation)
        {
            throw new InvalidOperationException($"Cannot stash the same message twice: {envelope.Message.GetType().Name}.");
        }

        _lastStashedInvocation = _cell.Invocation;
        (_messages ??= []).Add(envelope);
    }

    public void Unstash()
    {
        if (_messages is not { Count: > 0 } messages)
        {
            return;
        }

        var first = messages[0];
        messages.RemoveAt(0);
        _cell.EnqueueFirst(first);
    }

    public void UnstashAll()
    {
        if (_messages is not { Count: > 0 } messages)
        {
            return;
        }

        // Each one goes to the front, so walk backwards to keep the stashed order.
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            _cell.EnqueueFirst(messages[i]);
        }

        messages.Clear();
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        if (_messages is not { Count: > 0 } messages)
        {
            return [];
        }

        var cleared = messages.ToArray();
        messages.Clear();
        return cleared;
    }
}
