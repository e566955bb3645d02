using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// One sandbox: lays out <c>mounts/</c>, <c>shared/</c> and <c>private/</c>, spawns a
/// <see cref="ContainerActor"/> per container and supervises it (a failed container is restarted
/// and rebuilds itself from its journal), destroys containers before the layout, and removes the
/// layout last. After a restart it reconciles its layout with the kernel, respawns its containers
/// and resumes a destroy the crash interrupted.
/// </summary>
public sealed partial class SandboxSupervisor : ReceivePersistentActor, ISandboxStepHost
{
    private readonly long _incarnation;
    private readonly IActorRef _native;
    private readonly SandboxTreeSettings _settings;
    private readonly bool _respawned;
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerLifecycle> _statuses = new(StringComparer.Ordinal);
    private SandboxState _state = SandboxState.Empty;

    public SandboxSupervisor(string sandboxId, long incarnation, IActorRef native, SandboxTreeSettings settings, bool respawned)
    {
        _incarnation = incarnation;
        _native = native;
        _settings = settings;
        _respawned = respawned;
        Layout = settings.Layout(sandboxId);
        Recover<ISandboxEvent>(Apply);
        Recover<RecoveryCompleted>(_ => RunTask(AfterRecoveryAsync));
        CommandAsync<CreateSandbox>(c => Replies.AnswerAsync(Sender, () => CreateAsync(c)));
        Command<GetSandbox>(_ => Sender.Tell(Info()));
        CommandAsync<DestroySandbox>(c => Replies.AnswerAsync(Sender, () => DestroyAsync(c.Reason)));
        CommandAsync<AddContainer>(AddContainerAsync);
        Command<IContainerCommand>(Route);
        Command<ContainerStatus>(s => _statuses[s.ContainerId] = s.Lifecycle);
        CommandAsync<ContainerGone>(OnContainerGoneAsync);
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

    ILogger IStepHost.Log => Log;

    private bool HoldsNothing => _state.Containers.IsEmpty && !_state.Ledger.ToUndo.Any();

    public static string PersistenceIdFor(string sandboxId, long incarnation) => $"sandbox-{sandboxId}-{incarnation}";

    public static Props Props(string sandboxId, long incarnation, IActorRef native, SandboxTreeSettings settings, bool respawned) =>
        Runtime.Props.Create(() => new SandboxSupervisor(sandboxId, incarnation, native, settings, respawned));

    public async Task PersistAsync(ISandboxEvent e)
    {
        try
        {
            await PersistAndWaitAsync(e);
        }
        catch (Exception ex) when (ex is not JournalUnavailableException)
        {
            throw new JournalUnavailableException(PersistenceId, ex);
        }

        Apply(e);
    }

    Task IStepHost.PersistAsync(IResourceEvent e) => PersistAsync(e);

    async Task IStepHost.PersistAllAsync(IReadOnlyList<IResourceEvent> events)
    {
        try
        {
            await PersistAllAndWaitAsync(events);
        }
        catch (Exception ex) when (ex is not JournalUnavailableException)
        {
            throw new JournalUnavailableException(PersistenceId, ex);
        }

        foreach (var e in events)
        {
            Apply(e);
        }
    }

    public Task<INativeReply> CallAsync(INativeRequest request) => _native.Ask<INativeReply>(request, _settings.NativeCallTimeout);

    public Task DelayAsync(TimeSpan delay) => Task.Delay(delay);

    protected override void PostStop()
    {
        OrchestratorMetrics.ContainersChanged(-_state.Containers.Count);
        base.PostStop();
    }

    private void Apply(ISandboxEvent e)
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
        _state.Containers.Keys.Select(id => new ContainerSummary(id, _statuses.GetValueOrDefault(id, ContainerLifecycle.New))).ToList(),
        _state.TeardownErrors);

    private void Gone() => Context.Parent.Tell(new SandboxGone(SandboxId, _incarnation));

    private IActorRef ChildFor(ContainerEntry entry, bool respawned)
    {
        if (!_children.TryGetValue(entry.ContainerId, out var child))
        {
            // Named with the incarnation: a container id reused right after removal must not
            // collide with the old actor's name while that one is still stopping.
            child = Context.ActorOf(
                ContainerActor.Props(SandboxId, entry, _state.BlockDriver, _native, _settings, respawned),
                $"{entry.ContainerId}-{entry.Incarnation}");
            _children[entry.ContainerId] = child;
        }

        return child;
    }
}
