using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Containers;

/// <summary>The step host of a container: the resource seam plus the container's own journal and layout.</summary>
internal interface IContainerStepHost : IStepHost
{
    ContainerState State { get; }

    SandboxLayout Layout { get; }

    new string ContainerId { get; }

    Task PersistAsync(IContainerEvent e);

    Task PersistAllAsync(IReadOnlyList<IContainerEvent> events);
}
