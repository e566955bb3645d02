using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Actors.Tracing;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// One container: owns its rootfs, host mounts, block devices, nydus instance and hot-added
/// paths. Every side effect is an intent journaled before the native call and an outcome after
/// it; commands run one at a time to the end (a second request for the same container is stashed
/// until the first is answered, it never races). After a restart it reconciles with the kernel
/// before it serves anyone, then finishes what the crash interrupted.
/// </summary>
public sealed partial class ContainerActor : StepActor<IContainerEvent>, IContainerStepHost
{
    private readonly ContainerEntry _entry;
    private readonly BlockDriver _driver;
    private readonly SandboxTreeSettings _settings;
    private readonly bool _respawned;
    private ContainerState _state = ContainerState.Empty;

    public ContainerActor(string sandboxId, ContainerEntry entry, BlockDriver driver, IActorRef native, SandboxTreeSettings settings, bool respawned)
        : base(settings.LoggerFactory, native, settings.NativeCallTimeout)
    {
        _entry = entry;
        _driver = driver;
        _settings = settings;
        _respawned = respawned;
        Layout = settings.Layout(sandboxId);
        Recover<IContainerEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            // What the journal says, until reconciling tells the real status (ContainerRecovered):
            // the sandbox lists this instead of New meanwhile.
            Context.Parent.Tell(new ContainerStatus(ContainerId, _state.Lifecycle));
            Reconcile(StepNames.ContainerReconcile, AfterRecovery);
        });
        Ready();
    }

    public override string PersistenceId => _entry.PersistenceId(Layout.SandboxId);

    public ContainerState State => _state;

    public SandboxLayout Layout { get; }

    public string ContainerId => _entry.ContainerId;

    string? IStepHost.ContainerId => _entry.ContainerId;

    public string SandboxId => Layout.SandboxId;

    public ResourceLedger Ledger => _state.Ledger;

    public string SafeRoot => Layout.Root;

    public string? NydusApiSocket => _settings.NydusApiSocket;

    ILogger IStepHost.Log => Logger;

    /// <summary>Nothing held and nothing to report: the supervisor may forget this container.</summary>
    private bool HoldsNothing =>
        _state.Lifecycle is ContainerLifecycle.New or ContainerLifecycle.Destroyed or ContainerLifecycle.Failed && !_state.ToUndo.Any();

    public static Props Props(string sandboxId, ContainerEntry entry, BlockDriver driver, IActorRef native, SandboxTreeSettings settings, bool respawned) =>
        Akka.Actor.Props.Create(() => new ContainerActor(sandboxId, entry, driver, native, settings, respawned));

    void IStepHost.Persist(IReadOnlyList<IResourceEvent> events, Action then) => Persist(events, then);

    protected override void Apply(IContainerEvent e)
    {
        var before = _state.Lifecycle;
        _state = _state.Apply(e);
        if (_state.Lifecycle != before)
        {
            Context.Parent.Tell(new ContainerStatus(ContainerId, _state.Lifecycle));
        }
    }

    protected override void ReadyCommands()
    {
        Command<AddContainer>(c => Operate(StepNames.ContainerCreate, c.Trace, Sender, () => Create(c, null)));
        Command<AdmittedContainer>(c => Operate(StepNames.ContainerCreate, c.Command.Trace, Sender, () => Create(c.Command, c.Sources)));
        Command<GetContainer>(_ => Sender.Tell(Info()));
        Command<DestroyContainer>(c => Operate(StepNames.ContainerDestroy, c.Trace, Sender, () => Destroy(c)));
        Command<AddPath>(c => Operate(StepNames.ContainerAddPath, c.Trace, Sender, () => AddPath(c)));
        Command<RemovePath>(c => Operate(StepNames.ContainerRemovePath, c.Trace, Sender, () => RemovePath(c)));
        PassivationCommands();
    }

    protected override void ReadCommands() => Command<GetContainer>(_ => Sender.Tell(Info()));

    protected override void OnRequestRefused(Exception error)
    {
        // Refused before anything was journaled or mounted: nothing to keep.
        if (error is SpecValidationException && _state.Lifecycle == ContainerLifecycle.New)
        {
            Gone();
        }
    }

    private void AfterRecovery()
    {
        void Finish()
        {
            Context.Parent.Tell(new ContainerRecovered(ContainerId, _state.Lifecycle));

            // Respawned with an empty journal: the supervisor accepted it but the create never began.
            // A create rolled back here after an in-process restart was already answered (its
            // request failed), so it is forgotten like a create that failed live. After a process
            // restart nobody was answered: it stays listed as Failed, a clear state, until deleted.
            var rolledBackAndAnswered = _state.Lifecycle == ContainerLifecycle.Failed && !_respawned;
            if ((_respawned && _state.Lifecycle == ContainerLifecycle.New) || ((_state.Lifecycle == ContainerLifecycle.Destroyed || rolledBackAndAnswered) && HoldsNothing))
            {
                Gone();
            }

            Reply(null);
        }

        if (_state.Lifecycle == ContainerLifecycle.New)
        {
            Finish();
            return;
        }

        ContainerRecovery.Run(this, _settings.RetryPolicy, Finish);
    }

    private void Gone() => Context.Parent.Tell(new ContainerGone(ContainerId, _entry.Incarnation, StepTrace));

    private ContainerInfo Info() => new(
        SandboxId,
        ContainerId,
        _state.Lifecycle,
        _state.Reason,
        _state.TeardownErrors,
        _state.Lifecycle == ContainerLifecycle.Running ? ContainerPlanner.From(_state, Layout, _driver) : null);
}
