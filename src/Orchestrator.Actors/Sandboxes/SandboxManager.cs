using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// <c>/user/sandboxes</c>: knows which sandboxes exist, creates and routes to their supervisors,
/// and forgets a sandbox once it holds nothing. After a restart it recovers the list and
/// respawns every sandbox that was not fully destroyed; each then reconciles itself.
/// </summary>
public sealed class SandboxManager : ReceivePersistentActor
{
    public const string Name = "sandboxes";

    private readonly IActorRef _native;
    private readonly SandboxTreeSettings _settings;
    private readonly ILogger _log;
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, long> _sandboxes = ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Who waits for the write in flight (a create), answered if the journal fails.</summary>
    private IActorRef? _pendingReplyTo;

    private readonly System.Diagnostics.Stopwatch _sinceStart = System.Diagnostics.Stopwatch.StartNew();

    public SandboxManager(IActorRef native, SandboxTreeSettings settings)
    {
        _native = native;
        _settings = settings;
        _log = settings.LoggerFactory.CreateLogger<SandboxManager>();
        Recover<ISandboxManagerEvent>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            OrchestratorMetrics.RecoveryFinished(_sinceStart.Elapsed);
            foreach (var (id, incarnation) in _sandboxes)
            {
                Spawn(id, incarnation, respawned: true);
            }
        });
        // Commands wait in the stash until the manager has recovered its registry.
        Command<AwaitRecovery>(_ => Sender.Tell(new RecoveryFinished(_sandboxes.Count, 0, _sinceStart.Elapsed)));
        Command<CreateSandbox>(Create);
        Command<ListSandboxes>(_ => Context.ActorOf(SandboxListAggregator.Props(
            _children.ToDictionary(StringComparer.Ordinal), [.. _sandboxes.Keys.Where(id => !_children.ContainsKey(id)).Select(Stopped)], Sender, _settings.ListTimeout)));
        Command<ISandboxCommand>(Route);
        Command<SandboxGone>(OnGone);
        Command<Terminated>(OnTerminated);
    }

    public override string PersistenceId => Name;

    public static Props Props(IActorRef native, SandboxTreeSettings settings) =>
        Akka.Actor.Props.Create(() => new SandboxManager(native, settings));

    protected override SupervisorStrategy SupervisorStrategy() => TreeSupervision.Bounded(_settings, _log, Self.Path.ToString());

    protected override void PostStop()
    {
        OrchestratorMetrics.SandboxesChanged(-_sandboxes.Count);
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

    private void Apply(ISandboxManagerEvent e)
    {
        var before = _sandboxes.Count;
        _sandboxes = e switch
        {
            SandboxRegistered r => _sandboxes.SetItem(r.SandboxId, r.Incarnation),
            SandboxUnregistered u => _sandboxes.Remove(u.SandboxId),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a sandbox manager event"),
        };
        OrchestratorMetrics.SandboxesChanged(_sandboxes.Count - before);
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

        if (_sandboxes.ContainsKey(command.SandboxId))
        {
            Sender.Tell(new Status.Failure(new ConflictException($"sandbox '{command.SandboxId}' already exists")));
            return;
        }

        var replyTo = Sender;
        _pendingReplyTo = replyTo;
        Persist(new SandboxRegistered(command.SandboxId, LastSequenceNr + 1), registered =>
        {
            _pendingReplyTo = null;
            Apply(registered);
            Spawn(registered.SandboxId, registered.Incarnation, respawned: false).Tell(command, replyTo);
        });
    }

    private void Route(ISandboxCommand command)
    {
        if (!_children.TryGetValue(command.SandboxId, out var child))
        {
            if (!_sandboxes.TryGetValue(command.SandboxId, out var incarnation))
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
        if (!_sandboxes.TryGetValue(gone.SandboxId, out var incarnation) || incarnation != gone.Incarnation)
        {
            return;
        }

        Persist(new SandboxUnregistered(gone.SandboxId), unregistered =>
        {
            Apply(unregistered);
            if (_children.Remove(unregistered.SandboxId, out var child))
            {
                // A PoisonPill, not Stop: Stop overtakes user messages, and a request forwarded to the
                // child just before it said it was gone would be dropped unanswered.
                Context.Unwatch(child);
                child.Tell(PoisonPill.Instance);
            }
        });
    }

    private void OnTerminated(Terminated terminated)
    {
        var stopped = _children.FirstOrDefault(kv => kv.Value.Equals(terminated.ActorRef));
        if (stopped.Key is not null)
        {
            _children.Remove(stopped.Key);
            SandboxLog.SupervisorStopped(_log, stopped.Key);
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
