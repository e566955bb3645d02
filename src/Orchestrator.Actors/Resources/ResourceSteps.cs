using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>Runs one side effect as intent → call → outcome.</summary>
internal static class ResourceSteps
{
    /// <summary>Returns the failure, or null when the resource is in place.</summary>
    public static async Task<StepFailure?> RunAsync(IStepHost host, CreateStep step)
    {
        await host.PersistAsync(step.Intent);
        var reply = await host.CallAsync(step.Call);
        switch (reply)
        {
            case NativeFailed f:
                OrchestratorMetrics.Mounts.Add(1, OrchestratorMetrics.Kind(step.Intent.Kind), OrchestratorMetrics.Outcome("failed"));
                await host.PersistAsync(new ResourceFailed(step.Intent.Key, f.Error));
                ResourceLog.StepFailed(host.Log, host.SandboxId, host.ContainerId, step.Intent.Target, f.Error.Errno, f.Error.Message);
                return new StepFailure(step.Intent.Key, step.Intent.Target, f.Error);
            case LoopAttached attached:
                OrchestratorMetrics.Mounts.Add(1, OrchestratorMetrics.Kind(step.Intent.Kind), OrchestratorMetrics.Outcome("created"));
                await host.PersistAsync(new ResourceCreated(step.Intent.Key, attached.Device));
                return null;
            default:
                OrchestratorMetrics.Mounts.Add(1, OrchestratorMetrics.Kind(step.Intent.Kind), OrchestratorMetrics.Outcome("created"));
                await host.PersistAsync(new ResourceCreated(step.Intent.Key));
                return null;
        }
    }
}
