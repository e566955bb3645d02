using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Actors.Runtime;

/// <summary>Everything an <see cref="ActorSystem"/> is configured with. Extend with further init properties.</summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>User messages an actor processes per turn before yielding its thread to other actors.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Used by <c>Ask</c> when no timeout is given.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
