using Orchestrator.Native.Paths;

namespace Orchestrator.Native.HostPaths;

/// <summary>What the source policy judges: facts about one source after its symlinks were resolved.</summary>
/// <param name="ResolvedPath">The source's real path.</param>
/// <param name="Type">What the path is.</param>
/// <param name="MountedOnHost">For a block device: a file system on it is mounted on the host. For an image file: a loop device backed by it is.</param>
public sealed record SourceFacts(string ResolvedPath, FileType Type, bool MountedOnHost = false);
