namespace Orchestrator.Actors.Runtime;

/// <summary>One behaviour of a <see cref="ReceiveActor"/>: typed handlers tried in registration order.</summary>
internal sealed class ReceiveHandlers
{
    private Handler[] _handlers = [];

    public void Add(Handler handler) => _handlers = [.. _handlers, handler];

    public bool TryHandle(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }

    internal abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    internal sealed class Sync<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        private readonly Action<T> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            _handler(typed);
            return true;
        }
    }

    internal sealed class Async<T>(ReceiveActor actor, Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        private readonly Func<T, Task> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            actor.RunTaskInternal(() => _handler(typed));
            return true;
        }
    }
}
