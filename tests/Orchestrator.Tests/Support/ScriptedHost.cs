using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A step host that answers at once: its native answers come from a script, its journal is a
/// list, its timers fire immediately (the delays asked for are recorded). Steps driven by it run
/// to their end synchronously.
/// </summary>
internal abstract class ScriptedHost<TEvent>(Func<INativeRequest, INativeReply> answer) : IStepHost
    where TEvent : class
{
    public SandboxLayout Layout { get; } = new("/run/o", "s1");

    public abstract ResourceLedger Ledger { get; }

    public string SandboxId => Layout.SandboxId;

    string? IStepHost.ContainerId => OwnerContainerId;

    public abstract string SafeRoot { get; }

    public string? NydusApiSocket { get; init; } = "/run/nydusd/api.sock";

    public ILogger Log { get; init; } = NullLogger.Instance;

    public List<TEvent> Events { get; } = [];

    public List<INativeRequest> Calls { get; } = [];

    public List<TimeSpan> Delays { get; } = [];

    /// <summary>Every atomic write, with how many native calls had been made before it.</summary>
    public List<(IReadOnlyList<TEvent> Events, int CallsBefore)> Writes { get; } = [];

    public void Persist(IReadOnlyList<TEvent> events, Action then)
    {
        Writes.Add((events, Calls.Count));
        foreach (var e in events)
        {
            Events.Add(e);
            Apply(e);
        }

        then();
    }

    void IStepHost.Persist(IReadOnlyList<IResourceEvent> events, Action then) => Persist([.. events.Cast<TEvent>()], then);

    public void Call(INativeRequest request, Action<INativeReply> then)
    {
        Calls.Add(request);
        then(answer(request));
    }

    public void After(TimeSpan delay, Action then)
    {
        Delays.Add(delay);
        then();
    }

    /// <summary>The container the resources belong to; null for a sandbox's layout.</summary>
    protected abstract string? OwnerContainerId { get; }

    protected abstract void Apply(TEvent e);
}
