using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Containers;

/// <summary>How a create ended: done, or failed and rolled back (with what the rollback could not undo).</summary>
internal sealed record CreateOutcome(StepFailure? Failure, IReadOnlyList<string> RollbackErrors)
{
    public static CreateOutcome Done { get; } = new(null, []);

    public bool Succeeded => Failure is null;

    public string? FailureReason => Failure?.ToString();
}
