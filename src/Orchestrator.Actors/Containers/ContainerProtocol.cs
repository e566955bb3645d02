using System.Diagnostics;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;

namespace Orchestrator.Actors.Containers;

// What a ContainerActor accepts. Each command is answered with its reply record or a
// Status.Failure carrying a typed error (Errors/). The sandbox supervisor routes them by
// container id; the manager routes them by sandbox id. Trace is the sender's trace context, the
// parent of the operation's span (default when nobody traces).

/// <summary>The marker of every command a container accepts.</summary>
public interface IContainerCommand : Sandboxes.ISandboxCommand
{
    string ContainerId { get; }
}

/// <summary>Create the container described by <see cref="Spec"/>; answered with <see cref="ContainerCreatedReply"/>.</summary>
public sealed record AddContainer(string SandboxId, ContainerSpec Spec, ActivityContext Trace = default) : IContainerCommand
{
    public string ContainerId => Spec.Id;
}

public sealed record ContainerCreatedReply(ContainerPlan Plan);

/// <summary>
/// Supervisor → its new container: create, from the sources the supervisor inspected before it
/// admitted the container. They are not inspected twice: the binds open the inspected,
/// symlink-free paths without following links, so a source swapped since cannot redirect them.
/// </summary>
internal sealed record AdmittedContainer(AddContainer Command, IReadOnlyList<InspectedPath> Sources);

/// <summary>Describe the container; answered with <see cref="ContainerInfo"/>.</summary>
public sealed record GetContainer(string SandboxId, string ContainerId) : IContainerCommand;

public sealed record ContainerInfo(
    string SandboxId,
    string ContainerId,
    ContainerLifecycle Lifecycle,
    string? Reason,
    IReadOnlyList<string> TeardownErrors,
    ContainerPlan? Plan);

/// <summary>Tear the container down; answered with <see cref="TeardownReport"/>.</summary>
public sealed record DestroyContainer(string SandboxId, string ContainerId, string Reason = "destroy requested", ActivityContext Trace = default) : IContainerCommand;

/// <summary>What a teardown did: clean when <see cref="Errors"/> is empty.</summary>
public sealed record TeardownReport(string Id, IReadOnlyList<string> Errors)
{
    public bool Clean => Errors.Count == 0;
}

/// <summary>Hot-add <see cref="HostPath"/> at <see cref="ContainerPath"/> of a running container; answered with <see cref="PathAddedReply"/>.</summary>
public sealed record AddPath(string SandboxId, string ContainerId, string HostPath, string ContainerPath, bool ReadOnly, ActivityContext Trace = default) : IContainerCommand;

public sealed record PathAddedReply(SharedPathPlan Path);

/// <summary>Undo a hot-added path; answered with <see cref="TeardownReport"/>.</summary>
public sealed record RemovePath(string SandboxId, string ContainerId, string ContainerPath, ActivityContext Trace = default) : IContainerCommand;

/// <summary>Container → its supervisor: I hold nothing any more; forget me (<see cref="Trace"/>: the step that found it so).</summary>
public sealed record ContainerGone(string ContainerId, long Incarnation, ActivityContext Trace = default);

/// <summary>
/// Container → its supervisor: idle for <see cref="Sandboxes.SandboxTreeSettings.PassivateIdleContainersAfter"/>,
/// stop me. From then on the supervisor holds every message meant for the container and answers with
/// <see cref="StopInOrder"/>.
/// </summary>
public sealed record Passivate(string ContainerId);

/// <summary>
/// Supervisor → container: stop once everything queued before this has been handled. Not a
/// PoisonPill: the actor cell acts on a PoisonPill before any behaviour sees it, so the stash of a
/// busy actor cannot hold it back and it would stop the actor between a step's intent and its outcome.
/// </summary>
public sealed record StopInOrder
{
    public static StopInOrder Instance { get; } = new();
}
