using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Errors;

/// <summary>
/// A step failed in the kernel (or nydusd) and was rolled back; carries the failing call's
/// syscall, errno and paths, and whatever the rollback itself could not undo.
/// </summary>
public sealed class NativeCallFailedException(string operation, NativeError error, IReadOnlyList<string> rollbackErrors)
    : Exception($"{operation} failed: {error.Message}" + (rollbackErrors.Count == 0 ? string.Empty : $"; rollback left {rollbackErrors.Count} errors: {string.Join("; ", rollbackErrors)}"))
{
    public NativeError Error { get; } = error;

    public IReadOnlyList<string> RollbackErrors { get; } = rollbackErrors;
}
