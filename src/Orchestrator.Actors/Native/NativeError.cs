namespace Orchestrator.Actors.Native;

/// <summary>
/// A failed native call as a value: what a <c>NativeCallException</c> or a nydusd error said,
/// safe to put in a reply or a journaled event (no exception objects are ever persisted).
/// </summary>
public sealed record NativeError(string Syscall, string Errno, IReadOnlyList<string> Paths, string Message)
{
    public override string ToString() => Message;
}
