using System.Runtime.InteropServices;
using Akka.Actor;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// What a sandbox supervisor knows of its containers at run time, beside their journal entries: the
/// actor serving each (none while passivated or after it stopped), its last reported status, and
/// whether its actor was passivated. One small entry per container in one map, since an idle
/// sandbox keeps this for every container whose actor is gone.
/// </summary>
internal sealed class ContainerSlots
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>The actor serving the container, or null when it has none.</summary>
    public IActorRef? Actor(string containerId) => _slots.TryGetValue(containerId, out var slot) ? slot.Actor : null;

    /// <summary>Its last reported status; New until it reports one.</summary>
    public ContainerLifecycle Status(string containerId) => _slots.TryGetValue(containerId, out var slot) ? slot.Lifecycle : ContainerLifecycle.New;

    /// <summary>True when its actor was passivated and nothing has respawned it since.</summary>
    public bool Passivated(string containerId) => _slots.TryGetValue(containerId, out var slot) && slot.Passivated;

    public void SetStatus(string containerId, ContainerLifecycle lifecycle) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_slots, containerId, out _).Lifecycle = lifecycle;

    public void Spawned(string containerId, IActorRef actor)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, containerId, out _);
        slot.Actor = actor;
        slot.Passivated = false;
    }

    /// <summary>The container <paramref name="actor"/> serves, or null.</summary>
    public string? Serving(IActorRef actor) => _slots.FirstOrDefault(kv => actor.Equals(kv.Value.Actor)).Key;

    /// <summary>
    /// The container's actor has stopped (<paramref name="passivated"/>: at its own request): it keeps its
    /// status and has no actor until something respawns one.
    /// </summary>
    public void Stopped(string containerId, bool passivated)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, containerId, out _);
        slot.Actor = null;
        slot.Passivated = passivated;
    }

    /// <summary>Forgets a removed container; returns the actor that was serving it, if any.</summary>
    public IActorRef? Remove(string containerId) => _slots.Remove(containerId, out var slot) ? slot.Actor : null;

    private struct Slot
    {
        public IActorRef? Actor;
        public ContainerLifecycle Lifecycle;
        public bool Passivated;
    }
}
