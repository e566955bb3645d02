using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Containers;

public sealed partial class ContainerActor
{
    private void Create(AddContainer command, IReadOnlyList<InspectedPath>? sources)
    {
        if (_state.Lifecycle != ContainerLifecycle.New)
        {
            throw new ConflictException($"container '{ContainerId}' already exists ({_state.Lifecycle})");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ContainerCreation.Run(this, command.Spec, sources, _entry.BlockIndexes, _settings.RetryPolicy, outcome =>
        {
            if (outcome.Failure is { } failure)
            {
                // Rolled back; kept (as Failed) only when the rollback itself left something behind.
                if (HoldsNothing)
                {
                    Gone();
                }

                Fail(new NativeCallFailedException($"create container {ContainerId}", failure.Error, outcome.RollbackErrors));
                return;
            }

            ContainerLog.Created(Logger, SandboxId, ContainerId, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Reply(new ContainerCreatedReply(ContainerPlanner.From(_state, Layout, _driver)));
        });
    }

    private void Destroy(DestroyContainer command)
    {
        if (HoldsNothing)
        {
            Gone();
            Reply(new TeardownReport(ContainerId, []));
            return;
        }

        ContainerTeardown.Run(this, command.Reason, _settings.RetryPolicy, errors =>
        {
            if (errors.Count == 0)
            {
                Gone();
            }

            Reply(new TeardownReport(ContainerId, errors));
        });
    }

    private void AddPath(AddPath command)
    {
        if (_state.Lifecycle != ContainerLifecycle.Running)
        {
            throw new ConflictException($"container '{ContainerId}' is {_state.Lifecycle}; paths can be added only while it runs");
        }

        var problems = new List<ValidationProblem>();
        if (ContainerSpecValidator.AbsolutePathProblem(command.HostPath) is { } hostProblem)
        {
            problems.Add(new("hostPath", hostProblem));
        }

        if (ContainerSpecValidator.AbsolutePathProblem(command.ContainerPath) is { } pathProblem)
        {
            problems.Add(new("containerPath", pathProblem + " (container paths are inside the container root)"));
        }

        var hotPaths = _state.Resources.Count(r => r.Role == ResourceRole.HotPath && r.MayExist);
        if (Limits.HotPathProblem(hotPaths) is { } limit)
        {
            problems.Add(new("containerPath", limit));
        }

        if (problems.Count > 0)
        {
            throw new SpecValidationException(problems);
        }

        var containerPath = GuestMountList.Normalize(command.ContainerPath);
        var key = HotPathKey(containerPath);
        if (containerPath == "/" || _state.Find(key) is { MayExist: true } || ContainerPlanner.From(_state, Layout, _driver).GuestMounts.Any(m => m.Destination == containerPath))
        {
            throw new ConflictException($"container '{ContainerId}' already has something at '{containerPath}'");
        }

        Call(new InspectHostPaths([command.HostPath]), reply =>
        {
            var inspected = reply is HostPathsInspected { Paths: [var one] } ? one : throw new SpecValidationException("hostPath", $"could not inspect '{command.HostPath}': {reply}");
            if (CreatePlan.HotPathRefusal(inspected) is { } refusal)
            {
                throw new SpecValidationException("hostPath", refusal);
            }

            var target = Layout.HostMount(ContainerId, "hot:" + containerPath);
            var step = CreatePlan.Bind(key, ResourceRole.HotPath, inspected.ResolvedPath, target, command.ReadOnly, "private", Layout, containerPath);
            ResourceSteps.Run(this, step, failure =>
            {
                if (failure is null)
                {
                    Reply(new PathAddedReply(ContainerPlanner.From(_state, Layout, _driver).SharedPaths.Single(p => p.HotAdded && p.ContainerPath == containerPath)));
                    return;
                }

                ResourceTeardown.Undo(this, _state.Find(key)!, _settings.RetryPolicy, leftover =>
                    Fail(new NativeCallFailedException($"add path {containerPath} to container {ContainerId}", failure.Error, leftover is null ? [] : [leftover])));
            });
        });
    }

    private void RemovePath(RemovePath command)
    {
        var containerPath = ContainerSpecValidator.AbsolutePathProblem(command.ContainerPath) is null
            ? GuestMountList.Normalize(command.ContainerPath)
            : throw new SpecValidationException("containerPath", $"must be an absolute path without '..', got '{command.ContainerPath}'");
        var resource = _state.Find(HotPathKey(containerPath));
        if (resource is null || !resource.NeedsUndo)
        {
            throw new NotFoundException("hot-added path", containerPath);
        }

        ResourceTeardown.Undo(this, resource, _settings.RetryPolicy, error =>
            Reply(new TeardownReport(containerPath, error is null ? [] : [error])));
    }

    private static string HotPathKey(string containerPath) => "path:" + containerPath;
}
