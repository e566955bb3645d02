using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>A create step that failed: which resource and what the kernel said.</summary>
public sealed record StepFailure(string Key, string Target, NativeError Error)
{
    public override string ToString() => $"{Key} ({Target}): {Error.Message}";
}
