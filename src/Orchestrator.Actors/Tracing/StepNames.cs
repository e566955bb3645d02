namespace Orchestrator.Actors.Tracing;

/// <summary>The names of the step spans: one operation of a sandbox supervisor or a container actor, from command to answer.</summary>
public static class StepNames
{
    public const string SandboxCreate = "sandbox.create";
    public const string SandboxDestroy = "sandbox.destroy";

    /// <summary>Validate, inspect and journal a new container; its own <see cref="ContainerCreate"/> follows beside it.</summary>
    public const string SandboxAddContainer = "sandbox.add-container";

    /// <summary>Forget a container that holds nothing any more.</summary>
    public const string SandboxForgetContainer = "sandbox.forget-container";

    /// <summary>After recovery: compare the journal with the kernel and finish what a crash interrupted (a root span).</summary>
    public const string SandboxReconcile = "sandbox.reconcile";

    public const string ContainerCreate = "container.create";
    public const string ContainerDestroy = "container.destroy";
    public const string ContainerAddPath = "container.add-path";
    public const string ContainerRemovePath = "container.remove-path";
    public const string ContainerReconcile = "container.reconcile";
}
