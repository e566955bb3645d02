using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestrator.TestKit;

/// <summary>
/// An <see cref="ILoggerFactory"/> that keeps every entry in memory, for tests that check what was logged
/// (pass it as <c>ActorSystemSettings.LoggerFactory</c>).
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly AsyncLocal<ScopeNode?> _scopes = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The capturing factory records entries itself.");

    public void Dispose()
    {
    }

    private sealed record ScopeNode(object State, ScopeNode? Parent);

    private sealed class CapturingLogger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var parent = owner._scopes.Value;
            owner._scopes.Value = new ScopeNode(state, parent);
            return new Scope(owner, parent);
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object>();
            for (var node = owner._scopes.Value; node is not null; node = node.Parent)
            {
                scopes.Add(node.State);
            }

            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner._entries.Enqueue(new LogEntry(logLevel, category, eventId, formatter(state, exception), exception, [.. properties], scopes));
        }
    }

    private sealed class Scope(CapturingLoggerFactory owner, ScopeNode? parent) : IDisposable
    {
        public void Dispose() => owner._scopes.Value = parent;
    }
}
