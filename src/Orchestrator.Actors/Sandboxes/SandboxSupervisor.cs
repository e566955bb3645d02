using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// One sandbox: lays out <c>mounts/</c>, <c>shared/</c> and <c>private/</c>, spawns a
/// <see cref="ContainerActor"/> per container and supervises it (a failed container is restarted
/// and rebuilds itself from its journal, a few times at most), destroys containers before the
/// layout, and removes the layout last. After a restart it reconciles its layout with the kernel,
/// respawns its containers and resumes a destroy the crash interrupted.
/// </summary>
public sealed partial class SandboxSupervisor : StepActor<ISandboxEvent>, ISandboxStepHost
{
    private readonly long _incarnation;
    private readonly SandboxTreeSettings _settings;
    private readonly bool _respawned;
    private readonly ContainerSlots _slots = new();
    private SandboxState _state = SandboxState.Empty;

    public SandboxSupervisor(string sandboxId, long incarnation, IActorRef native, SandboxTreeSettings settings, bool respawned)
        : base(settings.LoggerFactory, native, settings.NativeCallTimeout)
    {
        _incarnation = incarnation;
        _settings = settings;
        _respawned = respawned;
        Layout = settings.Layout(sandboxId);
        Recover<ISandboxEvent>(Apply);
        Recover<RecoveryCompleted>(_ => Reconcile(Tracing.StepNames.SandboxReconcile, AfterRecovery));
        Ready();
    }

    public override string PersistenceId => PersistenceIdFor(SandboxId, _incarnation);

    public SandboxState State => _state;

    public SandboxLayout Layout { get; }

    public string SandboxId => Layout.SandboxId;

    public string? ContainerId => null;

    public ResourceLedger Ledger => _state.Ledger;

    // The sandbox's own root is one of its resources, so symlink checks start one level up.
    public string SafeRoot => Layout.SandboxesDir;

    public string? NydusApiSocket => null;

    ILogger IStepHost.Log => Logger;

    private bool HoldsNothing => _state.Containers.IsEmpty && !_state.Ledger.ToUndo.Any();

    public static string PersistenceIdFor(string sandboxId, long incarnation) => $"sandbox-{sandboxId}-{incarnation}";

    public static Props Props(string sandboxId, long incarnation, IActorRef native, SandboxTreeSettings settings, bool respawned) =>
        Akka.Actor.Props.Create(() => new SandboxSupervisor(sandboxId, incarnation, native, settings, respawned));

    void IStepHost.Persist(IReadOnlyList<IResourceEvent> events, Action then) => Persist(events, then);

    protected override SupervisorStrategy SupervisorStrategy() => TreeSupervision.Bounded(_settings, Logger, Self.Path.ToString());

    protected override void PostStop()
    {
        OrchestratorMetrics.ContainersChanged(-_state.Containers.Count);
        base.PostStop();
    }

    protected override void Apply(ISandboxEvent e)
    {
        var before = _state.Containers.Count;
        _state = _state.Apply(e);
        OrchestratorMetrics.ContainersChanged(_state.Containers.Count - before);
    }

    private SandboxInfo Info() => new(
        SandboxId,
        _state.Lifecycle,
        _state.SharedFs,
        _state.BlockDriver,
        Layout.Mounts,
        Layout.Shared,
        _state.Reason,
        _state.Containers.Keys.Select(id => new ContainerSummary(id, _slots.Status(id))).ToList(),
        _state.TeardownErrors);

    private void Gone()
    {
        // From here on the manager owns this history and may delete it: nothing more is written.
        _gone = true;
        ReportRecovered();
        Context.Parent.Tell(new SandboxGone(SandboxId, _incarnation, [.. _state.Retiring]));
    }

    /// <summary>
    /// The container's actor, spawned when it has none (<paramref name="respawned"/>: recovered from
    /// its journal rather than just admitted). Never for a container whose actor is stopping after
    /// asking to be passivated: messages for one go through <see cref="Deliver"/>.
    /// </summary>
    private IActorRef ChildFor(ContainerEntry entry, bool respawned)
    {
        if (_slots.Actor(entry.ContainerId) is not { } child)
        {
            // A container woken from passivation recovers on its own account: the sandbox's recovery
            // after start neither waits for it nor counts it again.
            var woken = _slots.Passivated(entry.ContainerId);
            if (woken)
            {
                SandboxLog.Woken(Logger, SandboxId, entry.ContainerId);
            }

            // Named with the incarnation: a container id reused right after removal must not
            // collide with the old actor's name while that one is still stopping.
            child = Context.ActorOf(
                ContainerActor.Props(SandboxId, entry, _state.BlockDriver, Native, _settings, respawned),
                $"{entry.ContainerId}-{entry.Incarnation}");
            Context.Watch(child);
            _slots.Spawned(entry.ContainerId, child);
            if (respawned && !woken)
            {
                RecoveringChild(entry.ContainerId);
            }
        }

        return child;
    }

    /// <summary>
    /// A child stopped. Passivated at its own request, it is not a failure (see <see cref="Passivated"/>).
    /// Otherwise it failed too often, or its journal failed: an error for that container, never a
    /// hang; a later request for it spawns it again from its journal.
    /// </summary>
    private void OnTerminated(Terminated terminated)
    {
        if (_slots.Serving(terminated.ActorRef) is not { } containerId || Passivated(containerId))
        {
            return;
        }

        _slots.Stopped(containerId, passivated: false);
        _slots.SetStatus(containerId, ContainerLifecycle.Failed);
        SandboxLog.ContainerStopped(Logger, SandboxId, containerId);
        ChildRecovered(containerId);
        if (_awaiting is { } awaiting && awaiting.ContainerId == containerId)
        {
            ContainerAnswered(new Status.Failure(new InvalidOperationException("the container actor stopped before it answered")));
        }
    }
}
