using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Sandboxes;

public sealed partial class SandboxSupervisor
{
    private async Task<object> CreateAsync(CreateSandbox command)
    {
        if (_state.Lifecycle != SandboxLifecycle.New)
        {
            throw new ConflictException($"sandbox '{SandboxId}' already exists ({_state.Lifecycle})");
        }

        var request = new SandboxCreateRequested(SandboxId, command.SharedFs, command.BlockDriver);
        if (await SandboxSteps.CreateAsync(this, request, _settings.RetryPolicy) is { } failure)
        {
            var leftovers = _state.TeardownErrors;
            if (HoldsNothing)
            {
                Gone();
            }

            throw new NativeCallFailedException($"create sandbox {SandboxId}", failure.Error, leftovers);
        }

        SandboxLog.Ready(Log, SandboxId);
        return Info();
    }

    private async Task AddContainerAsync(AddContainer command)
    {
        var sender = Sender;
        try
        {
            ContainerSpecValidator.Validate(command.Spec);
            if (_state.Lifecycle != SandboxLifecycle.Ready)
            {
                throw new ConflictException($"sandbox '{SandboxId}' is {_state.Lifecycle}; containers can be added only when it is Ready");
            }

            if (_state.Containers.ContainsKey(command.ContainerId))
            {
                throw new ConflictException($"container '{command.ContainerId}' already exists in sandbox '{SandboxId}'");
            }

            var indexes = ReserveBlockIndexes(CreatePlan.BlockDevicesNeeded(command.Spec));
            var added = new ContainerAdded(command.ContainerId, LastSequenceNr + 1, indexes);
            await PersistAsync(added);
            _statuses[command.ContainerId] = ContainerLifecycle.New;
            ChildFor(_state.Containers[command.ContainerId], respawned: false).Tell(command, sender);
        }
        catch (Exception e) when (e is SpecValidationException or ConflictException)
        {
            sender.Tell(new Status.Failure(e));
        }
    }

    /// <summary>The next free indexes, refused when the guest could not name them.</summary>
    private IReadOnlyList<int> ReserveBlockIndexes(int count)
    {
        var indexes = Enumerable.Range(_state.NextBlockIndex, count).ToList();
        if (indexes.Count > 0)
        {
            try
            {
                ContainerPlanner.GuestAddress(_state.BlockDriver, indexes[^1]);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new SpecValidationException("volumes", $"block index {indexes[^1]} is out of range for {_state.BlockDriver}: {e.Message}");
            }
        }

        return indexes;
    }

    private void Route(IContainerCommand command)
    {
        if (!_state.Containers.TryGetValue(command.ContainerId, out var entry))
        {
            Sender.Tell(new Status.Failure(new NotFoundException("container", command.ContainerId)));
            return;
        }

        ChildFor(entry, respawned: true).Forward(command);
    }

    private async Task OnContainerGoneAsync(ContainerGone gone)
    {
        if (_state.Containers.TryGetValue(gone.ContainerId, out var entry) && entry.Incarnation == gone.Incarnation)
        {
            await PersistAsync(new ContainerRemoved(gone.ContainerId));
            _statuses.Remove(gone.ContainerId);
            if (_children.Remove(gone.ContainerId, out var child))
            {
                // A PoisonPill, not Stop: Stop overtakes user messages, and a request forwarded to the
                // child just before it said it was gone would be dropped unanswered.
                child.Tell(PoisonPill.Instance);
            }
        }
    }

    private async Task<object> DestroyAsync(string reason)
    {
        if (_state.Lifecycle == SandboxLifecycle.New || (_state.Lifecycle is SandboxLifecycle.Destroyed or SandboxLifecycle.Failed && HoldsNothing))
        {
            Gone();
            return new TeardownReport(SandboxId, []);
        }

        if (_state.Lifecycle != SandboxLifecycle.Destroying)
        {
            await PersistAsync(new SandboxDestroyStarted(reason));
        }

        var errors = await DestroyContainersAsync(reason);
        if (!_state.Containers.IsEmpty)
        {
            // Mounts of those containers still sit under mounts/: the layout must outlive them.
            errors.Add($"layout of sandbox '{SandboxId}' kept: {_state.Containers.Count} containers still hold resources");
            return new TeardownReport(SandboxId, errors);
        }

        var all = await SandboxSteps.DestroyLayoutAsync(this, reason, _settings.RetryPolicy, errors);
        if (HoldsNothing)
        {
            Gone();
        }

        return new TeardownReport(SandboxId, all);
    }

    private async Task<List<string>> DestroyContainersAsync(string reason)
    {
        var errors = new List<string>();
        foreach (var entry in _state.Containers.Values.ToList())
        {
            TeardownReport report;
            try
            {
                report = await ChildFor(entry, respawned: true).Ask<TeardownReport>(
                    new DestroyContainer(SandboxId, entry.ContainerId, reason), _settings.ContainerTeardownTimeout);
            }
            catch (Exception e) when (e is not JournalUnavailableException)
            {
                errors.Add($"container {entry.ContainerId}: {e.Message}");
                continue;
            }

            if (report.Clean)
            {
                await OnContainerGoneAsync(new ContainerGone(entry.ContainerId, entry.Incarnation));
            }
            else
            {
                errors.AddRange(report.Errors.Select(e => $"container {entry.ContainerId}: {e}"));
            }
        }

        return errors;
    }

    private async Task AfterRecoveryAsync()
    {
        if (_state.Lifecycle == SandboxLifecycle.New)
        {
            if (_respawned)
            {
                // Registered by the manager, but the create never began.
                Gone();
            }

            return;
        }

        await SandboxSteps.ReconcileAsync(this);
        switch (_state.Lifecycle)
        {
            case SandboxLifecycle.Creating:
                SandboxLog.InterruptedCreate(Log, SandboxId);
                await SandboxSteps.RollBackAsync(this, "create interrupted by a restart", _settings.RetryPolicy);
                break;
            case SandboxLifecycle.Ready:
                foreach (var entry in _state.Containers.Values)
                {
                    ChildFor(entry, respawned: true);
                }

                break;
            case SandboxLifecycle.Destroying:
                SandboxLog.ResumingDestroy(Log, SandboxId);
                await DestroyAsync(_state.Reason ?? "destroy");
                break;
            case SandboxLifecycle.Destroyed when HoldsNothing:
                Gone();
                break;
        }
    }
}
