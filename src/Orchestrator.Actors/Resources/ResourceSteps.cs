using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>Runs one side effect as intent → call → outcome.</summary>
internal static class ResourceSteps
{
    /// <summary>Returns the error to report, or null when the resource is in place.</summary>
    public static async Task<string?> RunAsync(IStepHost host, CreateStep step)
    {
        await host.PersistAsync(step.Intent);
        var reply = await host.CallAsync(step.Call);
        switch (reply)
        {
            case NativeFailed f:
                await host.PersistAsync(new ResourceFailed(step.Intent.Key, f.Error));
                ResourceLog.StepFailed(host.Log, host.SandboxId, host.ContainerId, step.Intent.Target, f.Error.Errno, f.Error.Message);
                return $"{step.Intent.Key} ({step.Intent.Target}): {f.Error.Message}";
            case LoopAttached attached:
                await host.PersistAsync(new ResourceCreated(step.Intent.Key, attached.Device));
                return null;
            default:
                await host.PersistAsync(new ResourceCreated(step.Intent.Key));
                return null;
        }
    }
}
