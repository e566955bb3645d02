using System.Collections.Immutable;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Runtime;
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
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, long> _sandboxes = ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    public SandboxManager(IActorRef native, SandboxTreeSettings settings)
    {
        _native = native;
        _settings = settings;
        Recover<ISandboxManagerEvent>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            foreach (var (id, incarnation) in _sandboxes)
            {
                Spawn(id, incarnation, respawned: true);
            }
        });
        CommandAsync<CreateSandbox>(CreateAsync);
        CommandAsync<ListSandboxes>(_ => Replies.AnswerAsync(Sender, ListAsync));
        Command<ISandboxCommand>(Route);
        CommandAsync<SandboxGone>(OnGoneAsync);
    }

    public override string PersistenceId => "sandboxes";

    public static Props Props(IActorRef native, SandboxTreeSettings settings) =>
        Runtime.Props.Create(() => new SandboxManager(native, settings));

    protected override void PostStop()
    {
        OrchestratorMetrics.SandboxesChanged(-_sandboxes.Count);
        base.PostStop();
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

    private async Task CreateAsync(CreateSandbox command)
    {
        var sender = Sender;
        if (Ids.Problem(command.SandboxId) is { } problem)
        {
            sender.Tell(new Status.Failure(new SpecValidationException("id", problem)));
            return;
        }

        if (!Enum.IsDefined(command.SharedFs) || !Enum.IsDefined(command.BlockDriver))
        {
            sender.Tell(new Status.Failure(new SpecValidationException("sharedFs", $"unknown shared filesystem or block driver: {command.SharedFs}, {command.BlockDriver}")));
            return;
        }

        if (_sandboxes.ContainsKey(command.SandboxId))
        {
            sender.Tell(new Status.Failure(new ConflictException($"sandbox '{command.SandboxId}' already exists")));
            return;
        }

        var registered = new SandboxRegistered(command.SandboxId, LastSequenceNr + 1);
        try
        {
            await PersistAndWaitAsync(registered);
        }
        catch (Exception e)
        {
            // The write failed, so this actor stops (nothing unjournaled is ever guessed); the
            // caller hears why instead of waiting for a reply that cannot come.
            sender.Tell(new Status.Failure(new JournalUnavailableException(PersistenceId, e)));
            throw;
        }

        Apply(registered);
        Spawn(registered.SandboxId, registered.Incarnation, respawned: false).Tell(command, sender);
    }

    private async Task<object> ListAsync()
    {
        var infos = await Task.WhenAll(_children.Select(kv => kv.Value.Ask<SandboxInfo>(new GetSandbox(kv.Key), _settings.NativeCallTimeout)));
        return new SandboxList([.. infos.OrderBy(i => i.SandboxId, StringComparer.Ordinal)]);
    }

    private void Route(ISandboxCommand command)
    {
        if (!_children.TryGetValue(command.SandboxId, out var child))
        {
            Sender.Tell(new Status.Failure(new NotFoundException("sandbox", command.SandboxId)));
            return;
        }

        child.Forward(command);
    }

    private async Task OnGoneAsync(SandboxGone gone)
    {
        if (_sandboxes.TryGetValue(gone.SandboxId, out var incarnation) && incarnation == gone.Incarnation)
        {
            var unregistered = new SandboxUnregistered(gone.SandboxId);
            await PersistAndWaitAsync(unregistered);
            Apply(unregistered);
            if (_children.Remove(gone.SandboxId, out var child))
            {
                // A PoisonPill, not Stop: Stop overtakes user messages, and a request forwarded to the
                // child just before it said it was gone would be dropped unanswered.
                child.Tell(PoisonPill.Instance);
            }
        }
    }

    private IActorRef Spawn(string sandboxId, long incarnation, bool respawned)
    {
        var child = Context.ActorOf(SandboxSupervisor.Props(sandboxId, incarnation, _native, _settings, respawned), $"{sandboxId}-{incarnation}");
        _children[sandboxId] = child;
        return child;
    }
}
