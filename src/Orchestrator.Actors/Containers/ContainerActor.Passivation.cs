using Akka.Actor;
using Orchestrator.Actors.Metrics;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// Passivation: a container idle for <see cref="Sandboxes.SandboxTreeSettings.PassivateIdleContainersAfter"/>
/// asks its supervisor to stop it, and stops when the supervisor's <see cref="StopInOrder"/> comes
/// through its mailbox. Nothing it holds lives only in this actor: mounts are the kernel's, loop
/// devices are held open by the native actor, rafs instances by nydusd, and the journal records
/// them all, so a fresh actor recovered from the journal and reconciled with the kernel is the same
/// container.
/// </summary>
public sealed partial class ContainerActor
{
    /// <summary>
    /// Where a container may rest without its actor: Running, or Failed with nothing left to undo (a
    /// create rolled back before a restart, kept for the record). Creating and TearingDown are about to
    /// change, New and Destroyed are about to be forgotten, and a Failed container with leftovers is a
    /// rare anomaly waiting for a destroy: those stay resident.
    /// </summary>
    private bool Settled =>
        _state.Lifecycle == ContainerLifecycle.Running || (_state.Lifecycle == ContainerLifecycle.Failed && !_state.ToUndo.Any());

    protected override void PreStart()
    {
        OrchestratorMetrics.ResidentContainersChanged(1);
        base.PreStart();
    }

    protected override void PostStop()
    {
        OrchestratorMetrics.ResidentContainersChanged(-1);
        base.PostStop();
    }

    /// <summary>The idle clock counts from the end of recovery; any message received restarts it.</summary>
    protected override void OnReconciled()
    {
        if (_settings.PassivateIdleContainersAfter > TimeSpan.Zero)
        {
            Context.SetReceiveTimeout(_settings.PassivateIdleContainersAfter);
        }
    }

    // An operation is running: not idle. The timeout fires again once the actor has been quiet that long.
    protected override void BusyCommands() => Command<ReceiveTimeout>(_ => { });

    private void PassivationCommands()
    {
        Command<ReceiveTimeout>(_ =>
        {
            if (Idle && Settled)
            {
                Context.Parent.Tell(new Passivate(ContainerId));
            }
        });
        Command<StopInOrder>(_ =>
        {
            // Or the cell would arm the idle timer again after this message, for an actor that is gone.
            Context.SetReceiveTimeout(null);
            Context.Stop(Self);
        });
    }
}
