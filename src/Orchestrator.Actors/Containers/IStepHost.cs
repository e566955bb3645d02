using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Native;

using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// What the container's step logic needs from the actor running it: durable persistence (the
/// task completes once the event is journaled and applied to <see cref="State"/>), native calls
/// (a failure comes back as <see cref="NativeFailed"/>, never as an exception), scheduled delays
/// and a logger. Keeping the logic behind this seam keeps it readable top to bottom.
/// </summary>
internal interface IStepHost
{
    ContainerState State { get; }

    SandboxLayout Layout { get; }

    string ContainerId { get; }

    /// <summary>nydusd's API socket, when one is configured.</summary>
    string? NydusApiSocket { get; }

    ILogger Log { get; }

    Task PersistAsync(IContainerEvent e);

    Task PersistAllAsync(IReadOnlyList<IContainerEvent> events);

    Task<INativeReply> CallAsync(INativeRequest request);

    Task DelayAsync(TimeSpan delay);
}
