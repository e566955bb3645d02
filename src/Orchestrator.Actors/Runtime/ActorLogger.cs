using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Runtime;

/// <summary>Wraps an actor's logger so that every entry carries the actor's path as <c>{ActorPath}</c> in a scope.</summary>
internal sealed class ActorLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly ActorPathScope _scope;

    public ActorLogger(ILogger inner, ActorPath path)
    {
        _inner = inner;
        _scope = new ActorPathScope(path.ToString());
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_inner.IsEnabled(logLevel))
        {
            return;
        }

        using (_inner.BeginScope(_scope))
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
