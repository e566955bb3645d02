using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>Runs side effects as intent → call → outcome, each call only once its intent is durable.</summary>
internal static class ResourceSteps
{
    /// <summary>Runs one step; <paramref name="then"/> gets the failure, or null when the resource is in place.</summary>
    public static void Run(IStepHost host, CreateStep step, Action<StepFailure?> then) =>
        RunAll(host, [step], host.Persist, (outcomes, _, next) => host.Persist(outcomes, next), then);

    /// <summary>
    /// Runs <paramref name="steps"/> as one batch with two durable writes: every intent (after
    /// what <paramref name="journalIntents"/> puts before them) before the first call, then the calls
    /// in order, stopping at the first failure, then every outcome (with what
    /// <paramref name="journalOutcomes"/> adds when all succeeded) before <paramref name="then"/>
    /// learns the failure, or null. A step after the failed one was never called: its intent is
    /// withdrawn in the outcome write. A crash between the writes leaves intents without outcomes,
    /// which recovery settles against the kernel one by one, as it does for a single step.
    /// </summary>
    public static void RunAll(
        IStepHost host,
        IReadOnlyList<CreateStep> steps,
        Action<IReadOnlyList<IResourceEvent>, Action> journalIntents,
        Action<IReadOnlyList<IResourceEvent>, bool, Action> journalOutcomes,
        Action<StepFailure?> then)
    {
        foreach (var step in steps)
        {
            Failpoints.Failpoints.Hit(FailpointNames.Create(step.Intent.Kind).BeforeIntent);
        }

        var outcomes = new List<IResourceEvent>(steps.Count);
        StepFailure? failure = null;

        void Settle()
        {
            var called = outcomes.Count;
            for (var i = outcomes.Count; i < steps.Count; i++)
            {
                outcomes.Add(new ResourceWithdrawn(steps[i].Intent.Key));
            }

            journalOutcomes(outcomes, failure is null, () =>
            {
                foreach (var step in steps.Take(called))
                {
                    Failpoints.Failpoints.Hit(FailpointNames.Create(step.Intent.Kind).AfterOutcome);
                }

                if (failure is not null)
                {
                    ResourceLog.StepFailed(host.Log, host.SandboxId, host.ContainerId ?? "-", failure.Target, failure.Error.Errno, failure.Error.Message);
                }

                then(failure);
            });
        }

        void Next(int i)
        {
            if (i == steps.Count)
            {
                Settle();
                return;
            }

            var step = steps[i];
            Failpoints.Failpoints.Hit(FailpointNames.Create(step.Intent.Kind).AfterIntent);
            host.Call(step.Call, reply =>
            {
                Failpoints.Failpoints.Hit(FailpointNames.Create(step.Intent.Kind).AfterCall);
                var (outcome, stepFailure) = Outcome(step, reply);
                outcomes.Add(outcome);
                if (stepFailure is not null)
                {
                    failure = stepFailure;
                    Settle();
                    return;
                }

                Next(i + 1);
            });
        }

        journalIntents([.. steps.Select(s => s.Intent)], () => Next(0));
    }

    private static (IResourceEvent Outcome, StepFailure? Failure) Outcome(CreateStep step, INativeReply reply)
    {
        var (outcome, failure) = reply switch
        {
            NativeFailed f => ((IResourceEvent)new ResourceFailed(step.Intent.Key, f.Error), new StepFailure(step.Intent.Key, step.Intent.Target, f.Error)),
            LoopAttached attached => (new ResourceCreated(step.Intent.Key, attached.Device), null),
            _ => (new ResourceCreated(step.Intent.Key), (StepFailure?)null),
        };
        OrchestratorMetrics.Mounts.Add(1, OrchestratorMetrics.Kind(step.Intent.Kind), OrchestratorMetrics.Outcome(failure is null ? "created" : "failed"));
        return (outcome, failure);
    }
}
