using Akka.Actor;
using Orchestrator.Actors.Native;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// <c>/user/sandboxes</c>: knows which sandboxes exist, creates and routes to their supervisors,
/// and forgets a sandbox once it holds nothing. After a restart it recovers the list and
/// respawns every sandbox that was not fully destroyed; each then reconciles itself. It also owns
/// the retention of histories: what was forgotten is deleted from the journal after a delay, and
/// its own registry is snapshotted so that its history stays bounded too.
/// </summary>
public sealed partial class SandboxManager : ReceivePersistentActor, IWithTimers
{
    public const string Name = "sandboxes";

    private readonly IActorRef _native;
    private readonly SandboxTreeSettings _settings;
    private readonly ILogger _log;
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
    private SandboxManagerState _state = SandboxManagerState.Empty;

    /// <summary>Who waits for the write in flight (a create), answered if the journal fails.</summary>
    private IActorRef? _pendingReplyTo;

    public SandboxManager(IActorRef native, SandboxTreeSettings settings)
    {
        _native = native;
        _settings = settings;
        _log = settings.LoggerFactory.CreateLogger<SandboxManager>();
        Recover<SnapshotOffer>(RecoverSnapshot);
        Recover<ISandboxManagerEvent>(e => SetState(_state.Apply(e)));
        Recover<RecoveryCompleted>(_ => StartRecovery());

        // Commands wait in the stash until the manager has recovered its registry.
        Command<AwaitRecovery>(OnAwaitRecovery);
        Command<CreateSandbox>(Create);
        Command<ListSandboxes>(_ => Context.ActorOf(SandboxListAggregator.Props(
            _children.ToDictionary(StringComparer.Ordinal), [.. _state.Sandboxes.Keys.Where(id => !_children.ContainsKey(id)).Select(Stopped)], Sender, _settings.ListTimeout)));
        Command<ISandboxCommand>(Route);
        Command<SandboxGone>(OnGone);
        Command<SandboxRecovered>(OnSandboxRecovered);
        Command<RetireHistories>(OnRetireHistories);
        Command<Terminated>(OnTerminated);
        Command<ReconciliationPrepared>(_ => { });
        RetentionCommands();
    }

    public override string PersistenceId => Name;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef native, SandboxTreeSettings settings) =>
        Akka.Actor.Props.Create(() => new SandboxManager(native, settings));

    protected override SupervisorStrategy SupervisorStrategy() => TreeSupervision.Bounded(_settings, _log, Self.Path.ToString());

    protected override void PreStart()
    {
        // Before the registry's recovery asks the journal for anything: the native actor reads the
        // mount table while the journal scans its histories.
        _native.Tell(new PrepareReconciliation(SandboxLayout.SandboxesDirUnder(_settings.RunDir)), Self);
        base.PreStart();
    }

    protected override void PostStop()
    {
        OrchestratorMetrics.SandboxesChanged(-_state.Sandboxes.Count);
        base.PostStop();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The write failed, so this actor stops (nothing unjournaled is ever guessed); the
        // caller hears why instead of waiting for a reply that cannot come.
        _pendingReplyTo?.Tell(new Status.Failure(new JournalUnavailableException(PersistenceId, cause)));
        _pendingReplyTo = null;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _pendingReplyTo?.Tell(new Status.Failure(new JournalUnavailableException(PersistenceId, cause)));
        _pendingReplyTo = null;
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    private void SetState(SandboxManagerState state)
    {
        OrchestratorMetrics.SandboxesChanged(state.Sandboxes.Count - _state.Sandboxes.Count);
        _state = state;
    }

    /// <summary>Journals <paramref name="events"/> in one atomic write, applies each, then runs <paramref name="then"/>.</summary>
    private void Commit(IReadOnlyList<ISandboxManagerEvent> events, Action then)
    {
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            SetState(_state.Apply(e));
            if (--remaining == 0)
            {
                then();
                SnapshotIfDue();
            }
        });
    }

    private void Create(CreateSandbox command)
    {
        if (Ids.Problem(command.SandboxId) is { } problem)
        {
            Sender.Tell(new Status.Failure(new SpecValidationException("id", problem)));
            return;
        }

        if (!Enum.IsDefined(command.SharedFs) || !Enum.IsDefined(command.BlockDriver))
        {
            Sender.Tell(new Status.Failure(new SpecValidationException("sharedFs", $"unknown shared filesystem or block driver: {command.SharedFs}, {command.BlockDriver}")));
            return;
        }

        if (_state.Sandboxes.ContainsKey(command.SandboxId))
        {
            Sender.Tell(new Status.Failure(new ConflictException($"sandbox '{command.SandboxId}' already exists")));
            return;
        }

        var replyTo = Sender;
        _pendingReplyTo = replyTo;

        // The incarnation names the supervisor's history. The manager's sequence number never goes
        // down: deleting the events a snapshot covers keeps the highest one (marked deleted), and
        // the snapshot itself carries it, so a retired history's id is never handed out again.
        var registered = new SandboxRegistered(command.SandboxId, LastSequenceNr + 1);
        Commit([registered], () =>
        {
            _pendingReplyTo = null;
            Spawn(registered.SandboxId, registered.Incarnation, respawned: false).Tell(command, replyTo);
        });
    }

    private void Route(ISandboxCommand command)
    {
        if (!_children.TryGetValue(command.SandboxId, out var child))
        {
            if (!_state.Sandboxes.TryGetValue(command.SandboxId, out var incarnation))
            {
                Sender.Tell(new Status.Failure(new NotFoundException("sandbox", command.SandboxId)));
                return;
            }

            // Its supervisor stopped (a journal failure, or it failed too often): recover it.
            child = Spawn(command.SandboxId, incarnation, respawned: true);
        }

        child.Forward(command);
    }

    private void OnGone(SandboxGone gone)
    {
        if (!_state.Sandboxes.TryGetValue(gone.SandboxId, out var incarnation) || incarnation != gone.Incarnation)
        {
            return;
        }

        var histories = Retirable([SandboxSupervisor.PersistenceIdFor(gone.SandboxId, incarnation), .. gone.ContainerHistories]);
        Commit([new SandboxUnregistered(gone.SandboxId), new HistoriesRetired(histories, DateTimeOffset.UtcNow)], () =>
        {
            if (_children.Remove(gone.SandboxId, out var child))
            {
                // A PoisonPill, not Stop: Stop overtakes user messages, and a request forwarded to the
                // child just before it said it was gone would be dropped unanswered.
                Context.Unwatch(child);
                child.Tell(PoisonPill.Instance);
            }

            Recovered(gone.SandboxId, 0);
            ScheduleRetention();
        });
    }

    private void OnTerminated(Terminated terminated)
    {
        var stopped = _children.FirstOrDefault(kv => kv.Value.Equals(terminated.ActorRef));
        if (stopped.Key is not null)
        {
            _children.Remove(stopped.Key);
            SandboxLog.SupervisorStopped(_log, stopped.Key);

            // A supervisor that could not recover is done recovering: it is listed failed.
            Recovered(stopped.Key, 0);
        }
    }

    /// <summary>
    /// How a registered sandbox whose supervisor has stopped is listed: failed, with the reason, so a
    /// sandbox that failed more often than its restart budget is visible rather than missing.
    /// </summary>
    private SandboxInfo Stopped(string sandboxId)
    {
        var layout = _settings.Layout(sandboxId);
        return new SandboxInfo(sandboxId, SandboxLifecycle.Failed, default, default, layout.Mounts, layout.Shared,
            "its supervisor stopped (a journal failure, or more failures than its restart budget; see the log); the next request for it recovers it from its journal",
            [], []);
    }

    private IActorRef Spawn(string sandboxId, long incarnation, bool respawned)
    {
        var child = Context.ActorOf(SandboxSupervisor.Props(sandboxId, incarnation, _native, _settings, respawned), $"{sandboxId}-{incarnation}");
        Context.Watch(child);
        _children[sandboxId] = child;
        return child;
    }
}
