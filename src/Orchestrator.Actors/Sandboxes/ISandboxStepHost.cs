using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>The step host of a sandbox supervisor: the resource seam plus its own journal and layout.</summary>
internal interface ISandboxStepHost : IStepHost
{
    SandboxState State { get; }

    SandboxLayout Layout { get; }

    /// <summary>Journals <paramref name="events"/> in one atomic write, applies each, then runs <paramref name="then"/>.</summary>
    void Persist(IReadOnlyList<ISandboxEvent> events, Action then);
}
