namespace Orchestrator.Native.HostPaths;

/// <summary>The kind of a host path and whether the guest should watch it for updates.</summary>
/// <param name="Kind">How the path is handed to the guest.</param>
/// <param name="Watchable">A configmap or secret small enough (1 to 8 files) to copy and watch.</param>
/// <param name="ResolvedPath">The path after resolving symlinks, which is what must be used from here on.</param>
public sealed record HostPathClassification(HostPathKind Kind, bool Watchable, string ResolvedPath);
