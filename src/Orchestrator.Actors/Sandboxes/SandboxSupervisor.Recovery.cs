using Akka.Actor;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// What the supervisor tells the manager about recovery and retention: once after a respawn, that
/// it and every container it respawned have recovered (the manager's recovery-finished signal waits
/// for it); and which removed containers' histories the manager is to delete.
/// </summary>
public sealed partial class SandboxSupervisor
{
    private readonly HashSet<string> _recoveringChildren = new(StringComparer.Ordinal);
    private int _respawnedChildren;
    private bool _reconciled;
    private bool _recoveryReported;

    /// <summary>True once the manager was told the sandbox is gone: its history is no longer written.</summary>
    private bool _gone;

    protected override void OnReconciled()
    {
        _reconciled = true;
        HandOverRetired();
        ReportRecoveredIfDone();
    }

    /// <summary>A container actor respawned from its journal: recovery is not over until it reports.</summary>
    private void RecoveringChild(string containerId)
    {
        if (_respawned && !_recoveryReported && _recoveringChildren.Add(containerId))
        {
            _respawnedChildren++;
        }
    }

    private void OnContainerRecovered(ContainerRecovered recovered)
    {
        OnContainerStatus(new ContainerStatus(recovered.ContainerId, recovered.Lifecycle));
        ChildRecovered(recovered.ContainerId);
    }

    /// <summary>What the listing shows for the container from now on; a late report of a removed one is dropped.</summary>
    private void OnContainerStatus(ContainerStatus status)
    {
        if (_state.Containers.ContainsKey(status.ContainerId))
        {
            _slots.SetStatus(status.ContainerId, status.Lifecycle);
        }
    }

    /// <summary>The container reported, was removed or stopped: it no longer holds up recovery.</summary>
    private void ChildRecovered(string containerId)
    {
        if (_recoveringChildren.Remove(containerId))
        {
            ReportRecoveredIfDone();
        }
    }

    private void ReportRecoveredIfDone()
    {
        if (_reconciled && _recoveringChildren.Count == 0)
        {
            ReportRecovered();
        }
    }

    /// <summary>
    /// Tells the manager, once, that this respawned sandbox is done recovering. A sandbox that is gone
    /// (a destroy resumed at start has finished) is done too: it reports before it says it is gone,
    /// while the manager still counts its containers.
    /// </summary>
    private void ReportRecovered()
    {
        if (_respawned && !_recoveryReported)
        {
            _recoveryReported = true;
            Context.Parent.Tell(new SandboxRecovered(SandboxId, _incarnation, _respawnedChildren));
        }
    }

    /// <summary>
    /// Asks the manager to retire the histories of removed containers. Repeated after a restart until
    /// the manager's answer is journaled, so a crash between a removal and the hand-over loses none.
    /// </summary>
    private void HandOverRetired()
    {
        if (!_gone && !_state.Retiring.IsEmpty)
        {
            Context.Parent.Tell(new RetireHistories(SandboxId, _incarnation, [.. _state.Retiring]));
        }
    }

    private void OnHandedOver(RetireHistoriesReply reply)
    {
        var handedOver = reply.PersistenceIds.Where(_state.Retiring.Contains).ToList();
        if (!_gone && handedOver.Count > 0)
        {
            Persist([new ContainerHistoriesHandedOver(handedOver)], () => { });
        }
    }
}
