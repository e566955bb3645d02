using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.Runtime;

/// <summary>Everything an <see cref="ActorSystem"/> is configured with. Extend with further init properties.</summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// User messages an actor processes before it gives its thread up, if other work is queued for the thread
    /// pool (a busy actor keeps its thread when nothing else waits).
    /// </summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Used by <c>Ask</c> when no timeout is given.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where persistent actors write their events; a persistent actor in a system without one fails at
    /// start. The system does not dispose it: whoever built it closes it after the system has terminated.
    /// </summary>
    public IJournal? Journal { get; init; }

    /// <summary>Where persistent actors keep snapshots; without one, recovery replays the whole journal and saving fails.</summary>
    public ISnapshotStore? SnapshotStore { get; init; }
}
