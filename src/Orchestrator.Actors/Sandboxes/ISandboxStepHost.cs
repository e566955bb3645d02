using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>The step host of a sandbox supervisor: the resource seam plus its own journal and layout.</summary>
internal interface ISandboxStepHost : IStepHost
{
    SandboxState State { get; }

    SandboxLayout Layout { get; }

    Task PersistAsync(ISandboxEvent e);
}
