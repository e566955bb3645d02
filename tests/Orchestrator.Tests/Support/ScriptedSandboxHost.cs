using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>A sandbox step host whose native answers come from a script and whose journal is a list.</summary>
internal sealed class ScriptedSandboxHost(Func<INativeRequest, INativeReply> answer, SandboxState? state = null)
    : ScriptedHost<ISandboxEvent>(answer), ISandboxStepHost
{
    public SandboxState State { get; private set; } = state ?? SandboxState.Empty;

    public override ResourceLedger Ledger => State.Ledger;

    public override string SafeRoot => Layout.SandboxesDir;

    protected override string? OwnerContainerId => null;

    protected override void Apply(ISandboxEvent e) => State = State.Apply(e);
}
