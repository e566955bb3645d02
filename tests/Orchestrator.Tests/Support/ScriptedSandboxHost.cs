using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>A sandbox step host whose native answers come from a script and whose journal is a list.</summary>
internal sealed class ScriptedSandboxHost(Func<INativeRequest, INativeReply> answer, SandboxState? state = null) : ISandboxStepHost
{
    public SandboxState State { get; private set; } = state ?? SandboxState.Empty;

    public SandboxLayout Layout { get; } = new("/run/o", "s1");

    public ResourceLedger Ledger => State.Ledger;

    public string SandboxId => Layout.SandboxId;

    public string? ContainerId => null;

    public string SafeRoot => Layout.SandboxesDir;

    public string? NydusApiSocket => null;

    public ILogger Log => NullLogger.Instance;

    public List<ISandboxEvent> Events { get; } = [];

    public List<INativeRequest> Calls { get; } = [];

    public Task PersistAsync(ISandboxEvent e)
    {
        Events.Add(e);
        State = State.Apply(e);
        return Task.CompletedTask;
    }

    public Task PersistAsync(IResourceEvent e) => PersistAsync((ISandboxEvent)e);

    public async Task PersistAllAsync(IReadOnlyList<IResourceEvent> events)
    {
        foreach (var e in events)
        {
            await PersistAsync(e);
        }
    }

    public Task<INativeReply> CallAsync(INativeRequest request)
    {
        Calls.Add(request);
        return Task.FromResult(answer(request));
    }

    public Task DelayAsync(TimeSpan delay) => Task.CompletedTask;
}
