using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Containers;

public sealed partial class ContainerActor
{
    private async Task<object> CreateAsync(AddContainer command)
    {
        if (_state.Lifecycle != ContainerLifecycle.New)
        {
            throw new ConflictException($"container '{ContainerId}' already exists ({_state.Lifecycle})");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        CreateOutcome outcome;
        try
        {
            outcome = await ContainerCreation.RunAsync(this, command.Spec, _entry.BlockIndexes, _settings.RetryPolicy);
        }
        catch (SpecValidationException)
        {
            // Refused before anything was journaled or mounted.
            Gone();
            throw;
        }

        if (outcome.Failure is { } failure)
        {
            // Rolled back; kept (as Failed) only when the rollback itself left something behind.
            if (HoldsNothing)
            {
                Gone();
            }

            throw new NativeCallFailedException($"create container {ContainerId}", failure.Error, outcome.RollbackErrors);
        }

        ContainerLog.Created(Log, SandboxId, ContainerId, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ContainerCreatedReply(ContainerPlanner.From(_state, Layout, _driver));
    }

    private async Task<object> DestroyAsync(DestroyContainer command)
    {
        if (HoldsNothing)
        {
            Gone();
            return new TeardownReport(ContainerId, []);
        }

        var errors = await ContainerTeardown.RunAsync(this, command.Reason, _settings.RetryPolicy);
        if (errors.Count == 0)
        {
            Gone();
        }

        return new TeardownReport(ContainerId, errors);
    }

    private async Task<object> AddPathAsync(AddPath command)
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

        var reply = await CallAsync(new InspectHostPaths([command.HostPath]));
        var inspected = reply is HostPathsInspected { Paths: [var one] } ? one : throw new SpecValidationException("hostPath", $"could not inspect '{command.HostPath}': {reply}");
        if (inspected.Problem is not null)
        {
            throw new SpecValidationException("hostPath", inspected.Problem);
        }

        var target = Layout.HostMount(ContainerId, "hot:" + containerPath);
        var step = CreatePlan.Bind(key, ResourceRole.HotPath, inspected.ResolvedPath, target, command.ReadOnly, "private", Layout, containerPath);
        if (await ResourceSteps.RunAsync(this, step) is { } failure)
        {
            var leftover = await ResourceTeardown.UndoAsync(this, _state.Find(key)!, _settings.RetryPolicy);
            throw new NativeCallFailedException($"add path {containerPath} to container {ContainerId}", failure.Error, leftover is null ? [] : [leftover]);
        }

        return new PathAddedReply(ContainerPlanner.From(_state, Layout, _driver).SharedPaths.Single(p => p.HotAdded && p.ContainerPath == containerPath));
    }

    private async Task<object> RemovePathAsync(RemovePath command)
    {
        var containerPath = ContainerSpecValidator.AbsolutePathProblem(command.ContainerPath) is null
            ? GuestMountList.Normalize(command.ContainerPath)
            : throw new SpecValidationException("containerPath", $"must be an absolute path without '..', got '{command.ContainerPath}'");
        var resource = _state.Find(HotPathKey(containerPath));
        if (resource is null || !resource.NeedsUndo)
        {
            throw new NotFoundException("hot-added path", containerPath);
        }

        var error = await ResourceTeardown.UndoAsync(this, resource, _settings.RetryPolicy);
        return new TeardownReport(containerPath, error is null ? [] : [error]);
    }

    private static string HotPathKey(string containerPath) => "path:" + containerPath;
}
