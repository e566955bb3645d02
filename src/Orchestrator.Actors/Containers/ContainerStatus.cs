namespace Orchestrator.Actors.Containers;

/// <summary>Container → its supervisor, on every lifecycle change and after recovery (not journaled: the container's journal is the truth).</summary>
public sealed record ContainerStatus(string ContainerId, ContainerLifecycle Lifecycle);
