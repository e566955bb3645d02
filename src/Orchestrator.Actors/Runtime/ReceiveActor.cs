namespace Orchestrator.Actors.Runtime;

/// <summary>
/// An actor whose behaviours are lists of typed handlers, registered in the constructor (the initial
/// behaviour) or inside <see cref="Become(Action)"/>. The first handler whose type and predicate match wins.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly ReceiveHandlers _initial = new();
    private ReceiveHandlers? _configuring;

    protected ReceiveActor()
    {
        _configuring = _initial;
    }

    protected sealed override bool Receive(object message)
    {
        // The constructor has finished by the time the first message arrives.
        if (ReferenceEquals(_configuring, _initial))
        {
            _configuring = null;
        }

        return _initial.TryHandle(message);
    }

    protected void Receive<T>(Action<T> handler) => Add(new ReceiveHandlers.Sync<T>(handler, null));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Add(new ReceiveHandlers.Sync<T>(handler, shouldHandle));

    /// <summary>The actor processes no other user message until the task completes (see <see cref="ActorBase.RunTask"/>).</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Add(new ReceiveHandlers.Async<T>(this, handler, shouldHandle));

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) =>
        Add(new ReceiveHandlers.Async<T>(this, handler, shouldHandle));

    protected void ReceiveAny(Action<object> handler) => Add(new ReceiveHandlers.Sync<object>(handler, null));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => Add(new ReceiveHandlers.Async<object>(this, handler, null));

    /// <summary>Replaces the behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    internal void RunTaskInternal(Func<Task> action) => RunTask(action);

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _configuring;
        var handlers = new ReceiveHandlers();
        _configuring = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return handlers.TryHandle;
    }

    private void Add(ReceiveHandlers.Handler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var target = _configuring
            ?? throw new InvalidOperationException("Receive can only be called in the constructor or inside Become(Action).");
        target.Add(handler);
    }
}
