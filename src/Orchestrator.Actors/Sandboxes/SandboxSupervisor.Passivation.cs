using Akka.Actor;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Passivation of idle containers, the handshake Akka's cluster sharding runs for its entities. A
/// container idle long enough asks to be stopped (<see cref="Passivate"/>); from then on every
/// message meant for it is held here, in order, while a <see cref="StopInOrder"/> goes through its
/// mailbox behind whatever it already has. Its stop is not a failure: the container stays in the
/// sandbox's state and listing with its last status, and what was held meanwhile goes to a fresh
/// actor recovered from its journal. The next message for a passivated container wakes it the same
/// way. A woken container recovers on its own account: the sandbox's recovery after start neither
/// waits for it nor counts it again.
/// </summary>
public sealed partial class SandboxSupervisor
{
    /// <summary>Containers whose actor is stopping at its own request, with what arrived for them meanwhile.</summary>
    private Dictionary<string, List<HeldCommand>>? _passivating;

    protected override void PreRestart(Exception reason, object message)
    {
        // The next incarnation respawns every container: what was held for one is routed again by it.
        foreach (var held in _passivating?.Values.SelectMany(h => h) ?? [])
        {
            Self.Tell(held.Command, held.Sender);
        }

        base.PreRestart(reason, message);
    }

    private void OnPassivate(Passivate request)
    {
        // Only the current actor of a container may ask, and only once.
        if (_slots.Actor(request.ContainerId) is not { } child || !child.Equals(Sender) || _passivating?.ContainsKey(request.ContainerId) == true)
        {
            return;
        }

        (_passivating ??= new(StringComparer.Ordinal))[request.ContainerId] = [];
        child.Tell(StopInOrder.Instance);
    }

    /// <summary>
    /// Sends <paramref name="command"/> to the container's actor as if from <paramref name="sender"/>:
    /// held while the actor stops after asking to, and respawning it when it was passivated.
    /// </summary>
    private void Deliver(ContainerEntry entry, IContainerCommand command, IActorRef sender)
    {
        if (_passivating is not null && _passivating.TryGetValue(entry.ContainerId, out var held))
        {
            held.Add(new HeldCommand(command, sender));
            return;
        }

        ChildFor(entry, respawned: true).Tell(command, sender);
    }

    /// <summary>
    /// A child stopped: true when it had asked to (its entry and status stay, and what was held for it
    /// goes to a fresh actor in order), false when the stop is a failure.
    /// </summary>
    private bool Passivated(string containerId)
    {
        if (!TakeHeld(containerId, out var held))
        {
            return false;
        }

        _slots.Stopped(containerId, passivated: true);
        SandboxLog.Passivated(Logger, SandboxId, containerId);
        Resend(held);
        return true;
    }

    /// <summary>The container was removed: what was held for it is routed again (and finds it gone).</summary>
    private void ForgetPassivation(string containerId)
    {
        if (TakeHeld(containerId, out var held))
        {
            Resend(held);
        }
    }

    private bool TakeHeld(string containerId, out List<HeldCommand> held)
    {
        held = [];
        if (_passivating is null || !_passivating.Remove(containerId, out var taken))
        {
            return false;
        }

        // Passivation is transient: a sandbox at rest keeps no map for it.
        if (_passivating.Count == 0)
        {
            _passivating = null;
        }

        held = taken;
        return true;
    }

    private void Resend(List<HeldCommand> held)
    {
        foreach (var next in held)
        {
            Send(next.Command, next.Sender);
        }
    }

    private sealed record HeldCommand(IContainerCommand Command, IActorRef Sender);
}
