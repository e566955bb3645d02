using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Runs the continuation-passing steps against a scripted host, which answers at once, and
/// returns what they hand their continuation. A step that does not finish synchronously under a
/// scripted host is itself a failure.
/// </summary>
internal static class Steps
{
    public static CreateOutcome Create(ScriptedStepHost host, ContainerSpec spec, IReadOnlyList<int> blockIndexes, TeardownRetryPolicy policy) =>
        Finish<CreateOutcome>(then => ContainerCreation.Run(host, spec, null, blockIndexes, policy, then));

    public static IReadOnlyList<string> Teardown(ScriptedStepHost host, string reason, TeardownRetryPolicy policy) =>
        Finish<IReadOnlyList<string>>(then => ContainerTeardown.Run(host, reason, policy, then));

    public static void Recover(ScriptedStepHost host, TeardownRetryPolicy policy) =>
        Finish<bool>(then => ContainerRecovery.Run(host, policy, () => then(true)));

    public static StepFailure? CreateSandbox(ScriptedSandboxHost host, SandboxCreateRequested request, TeardownRetryPolicy policy) =>
        Finish<StepFailure?>(then => SandboxSteps.Create(host, request, policy, then));

    public static IReadOnlyList<string> DestroyLayout(ScriptedSandboxHost host, string reason, TeardownRetryPolicy policy) =>
        Finish<IReadOnlyList<string>>(then => SandboxSteps.DestroyLayout(host, reason, policy, [], then));

    private static T Finish<T>(Action<Action<T>> start)
    {
        var finished = false;
        T result = default!;
        start(r =>
        {
            Assert.False(finished, "the continuation ran twice");
            (result, finished) = (r, true);
        });
        Assert.True(finished, "the steps did not reach their continuation");
        return result;
    }
}
