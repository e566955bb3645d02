using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// What resource steps need from the actor running them: durable persistence (the task completes
/// once the event is journaled and applied to <see cref="Ledger"/>), native calls (a failure comes
/// back as <see cref="NativeFailed"/>, never as an exception), scheduled delays and a logger.
/// Keeping the logic behind this seam keeps it readable top to bottom and drivable by a script.
/// </summary>
internal interface IStepHost
{
    ResourceLedger Ledger { get; }

    string SandboxId { get; }

    /// <summary>The container the resources belong to; null for a sandbox's own layout.</summary>
    string? ContainerId { get; }

    /// <summary>No component below this directory may be a symlink when a mount point is undone.</summary>
    string SafeRoot { get; }

    /// <summary>nydusd's API socket, when one is configured.</summary>
    string? NydusApiSocket { get; }

    ILogger Log { get; }

    Task PersistAsync(IResourceEvent e);

    Task PersistAllAsync(IReadOnlyList<IResourceEvent> events);

    Task<INativeReply> CallAsync(INativeRequest request);

    Task DelayAsync(TimeSpan delay);
}
