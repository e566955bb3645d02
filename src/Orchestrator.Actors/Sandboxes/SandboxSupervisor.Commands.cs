using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Tracing;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Sandboxes;

public sealed partial class SandboxSupervisor
{
    protected override void ReadyCommands()
    {
        Command<CreateSandbox>(c => Operate(StepNames.SandboxCreate, c.Trace, Sender, () => Create(c)));
        Command<GetSandbox>(_ => Sender.Tell(Info()));
        Command<DestroySandbox>(c => Operate(StepNames.SandboxDestroy, c.Trace, Sender, () => Destroy(c.Reason)));
        Command<AddContainer>(c => Operate(StepNames.SandboxAddContainer, c.Trace, Sender, () => AddContainer(c)));
        Command<IContainerCommand>(Route);
        Command<ContainerStatus>(OnContainerStatus);
        Command<ContainerRecovered>(OnContainerRecovered);
        Command<Passivate>(OnPassivate);
        Command<RetireHistoriesReply>(OnHandedOver);
        Command<ContainerGone>(g => Operate(StepNames.SandboxForgetContainer, g.Trace, ActorRefs.Nobody, () => RemoveContainer(g, () => Reply(null))));
        Command<Terminated>(OnTerminated);
        Command<TeardownReport>(r => SandboxLog.Unexpected(Logger, Self.Path.ToString(), r.ToString()));
        Command<Status.Failure>(f => SandboxLog.Unexpected(Logger, Self.Path.ToString(), f.ToString()));
        Command<TeardownTimedOut>(_ => { });
    }

    protected override void ReadCommands()
    {
        Command<GetSandbox>(_ => Sender.Tell(Info()));
        Command<GetContainer>(Route);
    }

    protected override void BusyCommands()
    {
        Command<ContainerStatus>(OnContainerStatus);
        Command<ContainerRecovered>(OnContainerRecovered);
        Command<Passivate>(OnPassivate);
        Command<RetireHistoriesReply>(OnHandedOver);
        Command<Terminated>(OnTerminated);
        Command<TeardownReport>(r => OnContainerAnswer(r));
        Command<Status.Failure>(f => OnContainerAnswer(f));
        Command<TeardownTimedOut>(t =>
        {
            if (_awaiting is { } awaiting && awaiting.ContainerId == t.ContainerId)
            {
                ContainerAnswered(new Status.Failure(new TimeoutException($"no teardown report within {_settings.ContainerTeardownTimeout}")));
            }
        });
    }

    private void Create(CreateSandbox command)
    {
        if (_state.Lifecycle != SandboxLifecycle.New)
        {
            throw new ConflictException($"sandbox '{SandboxId}' already exists ({_state.Lifecycle})");
        }

        var request = new SandboxCreateRequested(SandboxId, command.SharedFs, command.BlockDriver);
        SandboxSteps.Create(this, request, _settings.RetryPolicy, failure =>
        {
            if (failure is not null)
            {
                var leftovers = _state.TeardownErrors;
                if (HoldsNothing)
                {
                    Gone();
                }

                Fail(new NativeCallFailedException($"create sandbox {SandboxId}", failure.Error, leftovers));
                return;
            }

            SandboxLog.Ready(Logger, SandboxId);
            Reply(Info());
        });
    }

    /// <summary>
    /// Accepts a container: validates it, inspects its sources (a source the host-path rules or the
    /// source policy refuse is a 400 before anything is journaled), reserves its block indexes,
    /// journals it and hands the request to its new actor, which answers the caller itself. The
    /// sandbox is busy only until the container is journaled, not for the container's whole create.
    /// </summary>
    private void AddContainer(AddContainer command)
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

        var replyTo = Sender;
        var indexes = ReserveBlockIndexes(CreatePlan.BlockDevicesNeeded(command.Spec));
        Call(new InspectHostPaths(CreatePlan.SourcesToInspect(command.Spec)), reply =>
        {
            if (reply is not HostPathsInspected inspected)
            {
                throw new SpecValidationException("mounts", $"could not inspect the sources: {reply}");
            }

            if (CreatePlan.Classify(command.Spec, inspected.Paths).Problems is { Count: > 0 } problems)
            {
                throw new SpecValidationException(problems);
            }

            var incarnation = LastSequenceNr + 1;
            var persistenceId = ContainerEntry.PersistenceIdFor(SandboxId, _incarnation, command.ContainerId, incarnation);
            Persist([new ContainerAddedV2(command.ContainerId, incarnation, indexes, persistenceId)], () =>
            {
                _slots.SetStatus(command.ContainerId, ContainerLifecycle.New);
                ChildFor(_state.Containers[command.ContainerId], respawned: false).Tell(new AdmittedContainer(command, inspected.Paths), replyTo);
                Reply(null);
            });
        });
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

    private void Route(IContainerCommand command) => Send(command, Sender);

    private void Send(IContainerCommand command, IActorRef sender)
    {
        if (!_state.Containers.TryGetValue(command.ContainerId, out var entry))
        {
            sender.Tell(new Status.Failure(new NotFoundException("container", command.ContainerId)));
            return;
        }

        Deliver(entry, command, sender);
    }

    private void RemoveContainer(ContainerGone gone, Action then)
    {
        if (!_state.Containers.TryGetValue(gone.ContainerId, out var entry) || entry.Incarnation != gone.Incarnation)
        {
            then();
            return;
        }

        Persist([new ContainerRemoved(gone.ContainerId)], () =>
        {
            ChildRecovered(gone.ContainerId);
            HandOverRetired();
            if (_slots.Remove(gone.ContainerId) is { } child)
            {
                // Through its mailbox, not Stop: Stop overtakes user messages, and a request forwarded
                // to the child just before it said it was gone would be dropped unanswered.
                Context.Unwatch(child);
                child.Tell(StopInOrder.Instance);
            }

            ForgetPassivation(gone.ContainerId);

            then();
        });
    }

    private void AfterRecovery()
    {
        if (_state.Lifecycle == SandboxLifecycle.New)
        {
            if (_respawned)
            {
                // Registered by the manager, but the create never began.
                Gone();
            }

            Reply(null);
            return;
        }

        SandboxSteps.Reconcile(this, () =>
        {
            switch (_state.Lifecycle)
            {
                case SandboxLifecycle.Creating:
                    SandboxLog.InterruptedCreate(Logger, SandboxId);
                    SandboxSteps.RollBack(this, "create interrupted by a restart", _settings.RetryPolicy, _ => Reply(null));
                    return;
                case SandboxLifecycle.Ready:
                    foreach (var entry in _state.Containers.Values)
                    {
                        ChildFor(entry, respawned: true);
                    }

                    break;
                case SandboxLifecycle.Destroying:
                    SandboxLog.ResumingDestroy(Logger, SandboxId);
                    Destroy(_state.Reason ?? "destroy");
                    return;
                case SandboxLifecycle.Destroyed when HoldsNothing:
                    Gone();
                    break;
            }

            Reply(null);
        });
    }
}
