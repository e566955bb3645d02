namespace Orchestrator.Native.MountTables;

/// <summary>What statmount(2) told about one mount; the strings are null when they were not asked for.</summary>
/// <param name="Id">The 64-bit unique id (never reused).</param>
/// <param name="ParentId">The parent's unique id; the mount's own for the namespace's root.</param>
/// <param name="MountPoint">Relative to the caller's root, as mountinfo field (5) but not escaped.</param>
/// <param name="FileSystemType">As mountinfo field (9).</param>
internal sealed record MountDescription(ulong Id, ulong ParentId, string? MountPoint, string? FileSystemType);
