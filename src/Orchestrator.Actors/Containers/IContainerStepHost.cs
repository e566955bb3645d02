using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Containers;

/// <summary>The step host of a container: the resource seam plus the container's own journal and layout.</summary>
internal interface IContainerStepHost : IStepHost
{
    ContainerState State { get; }

    SandboxLayout Layout { get; }

    new string ContainerId { get; }

    /// <summary>Journals <paramref name="events"/> in one atomic write, applies each, then runs <paramref name="then"/>.</summary>
    void Persist(IReadOnlyList<IContainerEvent> events, Action then);
}
