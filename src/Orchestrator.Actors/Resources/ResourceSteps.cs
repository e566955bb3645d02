using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>Runs one side effect as intent → call → outcome.</summary>
internal static class ResourceSteps
{
    /// <summary>Returns the failure, or null when the resource is in place.</summary>
    public static async Task<StepFailure?> RunAsync(IStepHost host, CreateStep step)
    {
        var windows = FailpointNames.Create(step.Intent.Kind);
        Failpoints.Failpoints.Hit(windows.BeforeIntent);
        await host.PersistAsync(step.Intent);
        Failpoints.Failpoints.Hit(windows.AfterIntent);
        var reply = await host.CallAsync(step.Call);
        Failpoints.Failpoints.Hit(windows.AfterCall);
        var (outcome, failure) = reply switch
        {
            NativeFailed f => ((IResourceEvent)new ResourceFailed(step.Intent.Key, f.Error), new StepFailure(step.Intent.Key, step.Intent.Target, f.Error)),
            LoopAttached attached => (new ResourceCreated(step.Intent.Key, attached.Device), null),
            _ => (new ResourceCreated(step.Intent.Key), (StepFailure?)null),
        };
        OrchestratorMetrics.Mounts.Add(1, OrchestratorMetrics.Kind(step.Intent.Kind), OrchestratorMetrics.Outcome(failure is null ? "created" : "failed"));
        await host.PersistAsync(outcome);
        Failpoints.Failpoints.Hit(windows.AfterOutcome);
        if (failure is not null)
        {
            ResourceLog.StepFailed(host.Log, host.SandboxId, host.ContainerId ?? "-", step.Intent.Target, failure.Error.Errno, failure.Error.Message);
        }

        return failure;
    }
}
