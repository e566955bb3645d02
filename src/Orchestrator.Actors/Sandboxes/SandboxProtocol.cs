using System.Diagnostics;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

// What the sandbox manager and supervisors accept. Everything carries its sandbox id so the
// manager can route it; each command is answered with its reply or a Status.Failure with a
// typed error (Errors/). A command that starts an operation carries its sender's trace context
// (Trace; default when nobody traces): the parent of the operation's span.

/// <summary>The marker of every command routed by sandbox id.</summary>
public interface ISandboxCommand
{
    string SandboxId { get; }
}

/// <summary>Create a sandbox and lay out its shared directory; answered with <see cref="SandboxInfo"/>.</summary>
public sealed record CreateSandbox(string SandboxId, SharedFs SharedFs = SharedFs.VirtioFs, BlockDriver BlockDriver = BlockDriver.VirtioBlk, ActivityContext Trace = default) : ISandboxCommand;

/// <summary>Describe a sandbox; answered with <see cref="SandboxInfo"/>.</summary>
public sealed record GetSandbox(string SandboxId) : ISandboxCommand;

/// <summary>Destroy every container, then the layout; answered with <see cref="TeardownReport"/>.</summary>
public sealed record DestroySandbox(string SandboxId, string Reason = "destroy requested", ActivityContext Trace = default) : ISandboxCommand;

/// <summary>List every sandbox the manager knows; answered with <see cref="SandboxList"/>.</summary>
public sealed record ListSandboxes
{
    public static ListSandboxes Instance { get; } = new();
}

public sealed record SandboxList(IReadOnlyList<SandboxInfo> Sandboxes);

public sealed record SandboxInfo(
    string SandboxId,
    SandboxLifecycle Lifecycle,
    SharedFs SharedFs,
    BlockDriver BlockDriver,
    string MountsDir,
    string SharedDir,
    string? Reason,
    IReadOnlyList<ContainerSummary> Containers,
    IReadOnlyList<string> TeardownErrors);

public sealed record ContainerSummary(string ContainerId, ContainerLifecycle Lifecycle);

/// <summary>
/// Supervisor → manager: the sandbox holds nothing any more; forget it, and retire its history
/// together with <see cref="ContainerHistories"/>, those of removed containers not yet handed over.
/// </summary>
public sealed record SandboxGone(string SandboxId, long Incarnation, IReadOnlyList<string> ContainerHistories);

/// <summary>
/// Supervisor → manager: these removed containers' histories are the manager's to delete after the
/// retention delay; answered with <see cref="RetireHistoriesReply"/> once that is journaled.
/// </summary>
public sealed record RetireHistories(string SandboxId, long Incarnation, IReadOnlyList<string> PersistenceIds);

public sealed record RetireHistoriesReply(IReadOnlyList<string> PersistenceIds);
