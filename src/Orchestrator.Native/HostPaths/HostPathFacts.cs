namespace Orchestrator.Native.HostPaths;

/// <summary>What classification needs to know about a host path, gathered beforehand.</summary>
/// <param name="ResolvedPath">The absolute path with every symlink resolved.</param>
/// <param name="FileSystemType">The type of the filesystem holding it (mountinfo field 9), if known.</param>
/// <param name="IsRegularFile">True for a regular file.</param>
/// <param name="FileCount">
/// Files under a configmap or secret, counted up to <see cref="HostPathRules.WatchableFileLimit"/> + 1; null when not counted.
/// </param>
public sealed record HostPathFacts(string ResolvedPath, string? FileSystemType, bool IsRegularFile, int? FileCount = null);
