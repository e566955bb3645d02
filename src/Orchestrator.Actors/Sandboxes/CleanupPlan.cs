using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// The cleanup that replay would perform now for one sandbox, without doing it: the intents it
/// would check against the kernel, then the undos of every create or destroy a crash interrupted,
/// in the order recovery runs them. With <c>destroy</c>, also what a destroy of the sandbox would undo.
/// </summary>
public static class CleanupPlan
{
    public static IReadOnlyList<CleanupStep> For(SandboxJournalView view, bool destroy = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        var steps = new List<CleanupStep>();
        var sandboxDestroying = destroy || view.Sandbox.Lifecycle is SandboxLifecycle.Destroying or SandboxLifecycle.Creating;
        foreach (var (id, state) in view.Containers)
        {
            var owner = $"container {id}";
            steps.AddRange(state.Unresolved.Select(r => new CleanupStep(owner, "check", r.Target, $"intent '{r.Key}' has no outcome: ask the kernel whether it happened")));
            var reason = state.Lifecycle switch
            {
                ContainerLifecycle.Creating => "create interrupted: roll back",
                ContainerLifecycle.TearingDown => "teardown interrupted: resume",
                _ when sandboxDestroying => "sandbox destroy",
                ContainerLifecycle.Destroyed or ContainerLifecycle.Failed when state.ToUndo.Any() => "left over by an earlier teardown: retry on destroy",
                _ => null,
            };
            if (reason is not null)
            {
                steps.AddRange(state.ToUndo.Select(r => Undo(owner, r, reason)));
            }
        }

        var layoutReason = view.Sandbox.Lifecycle switch
        {
            SandboxLifecycle.Creating => "create interrupted: roll back the layout",
            SandboxLifecycle.Destroying => "destroy interrupted: resume",
            _ when destroy => "sandbox destroy",
            _ => null,
        };
        var sandboxOwner = $"sandbox {view.SandboxId}";
        steps.AddRange(view.Sandbox.Ledger.Unresolved.Select(r => new CleanupStep(sandboxOwner, "check", r.Target, $"intent '{r.Key}' has no outcome: ask the kernel whether it happened")));
        if (layoutReason is not null)
        {
            steps.AddRange(view.Sandbox.Ledger.ToUndo.Select(r => Undo(sandboxOwner, r, layoutReason)));
        }

        return steps;
    }

    private static CleanupStep Undo(string owner, Resource r, string reason) => r.Kind switch
    {
        ResourceKind.Bind when r.MayExist => new(owner, "umount2+rmdir", r.Target, reason),
        ResourceKind.Bind or ResourceKind.Directory => new(owner, "rmdir", r.Target, reason),
        ResourceKind.Loop => new(owner, "detach loop " + (r.Device ?? "(find by backing file)"), r.Target, reason),
        ResourceKind.Nydus => new(owner, "nydusd DELETE /api/v1/mount", r.Target, reason),
        _ => new(owner, r.Kind.ToString(), r.Target, reason),
    };
}
