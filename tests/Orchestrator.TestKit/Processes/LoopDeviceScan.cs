using Orchestrator.Native.Loop;

namespace Orchestrator.TestKit.Processes;

/// <summary>Loop devices are not namespaced: a run finds its own by their backing files.</summary>
public static class LoopDeviceScan
{
    /// <summary>Attached loop devices whose backing file lies under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<LoopDeviceInfo> BackedUnder(string directory) =>
        [.. LoopDevices.List().Where(d => NamespaceKeeper.IsAtOrBelow(StripDeleted(d.BackingFile), directory))];

    // The kernel appends " (deleted)" to a backing file that was unlinked while attached.
    private static string StripDeleted(string path) =>
        path.EndsWith(" (deleted)", StringComparison.Ordinal) ? path[..^" (deleted)".Length] : path;
}
