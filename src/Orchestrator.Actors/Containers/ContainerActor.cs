using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Containers;

/// <summary>
/// One container: owns its rootfs, host mounts, block devices, nydus instance and hot-added
/// paths. Every side effect is an intent journaled before the native call and an outcome after
/// it; commands run one at a time to the end (a second request for the same container waits in
/// the mailbox, it never races). After a restart it reconciles with the kernel before it serves
/// anyone, then finishes what the crash interrupted.
/// </summary>
public sealed partial class ContainerActor : ReceivePersistentActor, IContainerStepHost
{
    private readonly ContainerEntry _entry;
    private readonly BlockDriver _driver;
    private readonly IActorRef _native;
    private readonly SandboxTreeSettings _settings;
    private readonly bool _respawned;
    private ContainerState _state = ContainerState.Empty;

    public ContainerActor(string sandboxId, ContainerEntry entry, BlockDriver driver, IActorRef native, SandboxTreeSettings settings, bool respawned)
    {
        _entry = entry;
        _driver = driver;
        _native = native;
        _settings = settings;
        _respawned = respawned;
        Layout = settings.Layout(sandboxId);
        Recover<IContainerEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => RunTask(AfterRecoveryAsync));
        CommandAsync<AddContainer>(c => Replies.AnswerAsync(Sender, () => CreateAsync(c)));
        Command<GetContainer>(_ => Sender.Tell(Info()));
        CommandAsync<DestroyContainer>(c => Replies.AnswerAsync(Sender, () => DestroyAsync(c)));
        CommandAsync<AddPath>(c => Replies.AnswerAsync(Sender, () => AddPathAsync(c)));
        CommandAsync<RemovePath>(c => Replies.AnswerAsync(Sender, () => RemovePathAsync(c)));
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

    ILogger IStepHost.Log => Log;

    /// <summary>Nothing held and nothing to report: the supervisor may forget this container.</summary>
    private bool HoldsNothing =>
        _state.Lifecycle is ContainerLifecycle.New or ContainerLifecycle.Destroyed or ContainerLifecycle.Failed && !_state.ToUndo.Any();

    public static Props Props(string sandboxId, ContainerEntry entry, BlockDriver driver, IActorRef native, SandboxTreeSettings settings, bool respawned) =>
        Runtime.Props.Create(() => new ContainerActor(sandboxId, entry, driver, native, settings, respawned));

    public async Task PersistAsync(IContainerEvent e)
    {
        await Durably(() => PersistAndWaitAsync(e));
        Apply(e);
    }

    public async Task PersistAllAsync(IReadOnlyList<IContainerEvent> events)
    {
        await Durably(() => PersistAllAndWaitAsync(events));
        foreach (var e in events)
        {
            Apply(e);
        }
    }

    Task IStepHost.PersistAsync(IResourceEvent e) => PersistAsync(e);

    Task IStepHost.PersistAllAsync(IReadOnlyList<IResourceEvent> events) => PersistAllAsync([.. events]);

    public Task<INativeReply> CallAsync(INativeRequest request) => _native.Ask<INativeReply>(request, _settings.NativeCallTimeout);

    // A timer, not a sleeping thread: the continuation comes back through the actor's mailbox.
    public Task DelayAsync(TimeSpan delay) => Task.Delay(delay);

    private async Task Durably(Func<Task> persist)
    {
        try
        {
            await persist();
        }
        catch (Exception e) when (e is not JournalUnavailableException)
        {
            throw new JournalUnavailableException(PersistenceId, e);
        }
    }

    private void Apply(IContainerEvent e)
    {
        var before = _state.Lifecycle;
        _state = _state.Apply(e);
        if (_state.Lifecycle != before)
        {
            Context.Parent.Tell(new ContainerStatus(ContainerId, _state.Lifecycle));
        }
    }

    private async Task AfterRecoveryAsync()
    {
        if (_state.Lifecycle != ContainerLifecycle.New)
        {
            await ContainerRecovery.RunAsync(this, _settings.RetryPolicy);
        }

        Context.Parent.Tell(new ContainerStatus(ContainerId, _state.Lifecycle));

        // Respawned with an empty journal: the supervisor accepted it but the create never began.
        // A create rolled back here after an in-process restart was already answered (its ask
        // failed), so it is forgotten like a create that failed live. After a process restart
        // nobody was answered: it stays listed as Failed, a clear state, until it is deleted.
        var rolledBackAndAnswered = _state.Lifecycle == ContainerLifecycle.Failed && !_respawned;
        if ((_respawned && _state.Lifecycle == ContainerLifecycle.New) || ((_state.Lifecycle == ContainerLifecycle.Destroyed || rolledBackAndAnswered) && HoldsNothing))
        {
            Gone();
        }
    }

    private void Gone() => Context.Parent.Tell(new ContainerGone(ContainerId, _entry.Incarnation));

    private ContainerInfo Info() => new(
        SandboxId,
        ContainerId,
        _state.Lifecycle,
        _state.Reason,
        _state.TeardownErrors,
        _state.Lifecycle == ContainerLifecycle.Running ? ContainerPlanner.From(_state, Layout, _driver) : null);
}
