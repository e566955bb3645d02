using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>Runs side effects as intent → call → outcome, each call only once its intent is durable.</summary>
internal static class ResourceSteps
{
    /// <summary>Runs one step; <paramref name="then"/> gets the failure, or null when the resource is in place.</summary>
    public static void Run(IStepHost host, CreateStep step, Action<StepFailure?> then)
    {
        var windows = FailpointNames.Create(step.Intent.Kind);
        Failpoints.Failpoints.Hit(windows.BeforeIntent);
        host.Persist([step.Intent], () =>
        {
            Failpoints.Failpoints.Hit(windows.AfterIntent);
            host.Call(step.Call, reply =>
            {
                Failpoints.Failpoints.Hit(windows.AfterCall);
                var (outcome, failure) = reply switch
                {
                    NativeFailed f => ((IResourceEvent)new ResourceFailed(step.Intent.Key, f.Error), new StepFailure(step.Intent.Key, step.Intent.Target, f.Error)),
                    LoopAttached attached => (new ResourceCreated(step.Intent.Key, attached.Device), null),
                    _ => (new ResourceCreated(step.Intent.Key), (StepFailure?)null),
                };
                OrchestratorMetrics.Mounts.Add(1, OrchestratorMetrics.Kind(step.Intent.Kind), OrchestratorMetrics.Outcome(failure is null ? "created" : "failed"));
                host.Persist([outcome], () =>
                {
                    Failpoints.Failpoints.Hit(windows.AfterOutcome);
                    if (failure is not null)
                    {
                        ResourceLog.StepFailed(host.Log, host.SandboxId, host.ContainerId ?? "-", step.Intent.Target, failure.Error.Errno, failure.Error.Message);
                    }

                    then(failure);
                });
            });
        });
    }

    /// <summary>Runs <paramref name="steps"/> in order and stops at the first failure, which <paramref name="then"/> gets.</summary>
    public static void RunAll(IStepHost host, IReadOnlyList<CreateStep> steps, Action<StepFailure?> then)
    {
        void Next(int i)
        {
            if (i == steps.Count)
            {
                then(null);
                return;
            }

            Run(host, steps[i], failure =>
            {
                if (failure is not null)
                {
                    then(failure);
                }
                else
                {
                    Next(i + 1);
                }
            });
        }

        Next(0);
    }
}
