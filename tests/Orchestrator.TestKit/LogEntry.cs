using Microsoft.Extensions.Logging;

namespace Orchestrator.TestKit;

/// <summary>One captured log call: its formatted message, structured properties and the scopes around it.</summary>
public sealed record LogEntry(
    LogLevel Level,
    string Category,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyList<KeyValuePair<string, object?>> Properties,
    IReadOnlyList<object> Scopes)
{
    /// <summary>A property of the message template or of an enclosing scope.</summary>
    public object? Property(string name)
    {
        foreach (var pair in Properties.Concat(Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(static s => s)))
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }
}
