using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// What resource steps need from the actor running them, in continuation-passing style: durable
/// persistence (<c>then</c> runs once every event is journaled and applied to <see cref="Ledger"/>),
/// native calls (a failure comes back as <see cref="NativeFailed"/>, never as an exception),
/// scheduled delays and a logger. Nothing here blocks or awaits: the actor interprets each request
/// as messages, and a scripted host in a unit test answers synchronously. Keeping the logic behind
/// this seam keeps it readable top to bottom and drivable by a script.
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

    /// <summary>Journals <paramref name="events"/> in one atomic write, applies each, then runs <paramref name="then"/>.</summary>
    void Persist(IReadOnlyList<IResourceEvent> events, Action then);

    /// <summary>Sends <paramref name="request"/> to the native-call actor; <paramref name="then"/> gets its reply.</summary>
    void Call(INativeRequest request, Action<INativeReply> then);

    /// <summary>Runs <paramref name="then"/> after <paramref name="delay"/>, on a timer, without holding a thread.</summary>
    void After(TimeSpan delay, Action then);
}
