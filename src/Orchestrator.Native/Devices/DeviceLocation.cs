namespace Orchestrator.Native.Devices;

/// <summary>A device number and, for a file on a filesystem, the mount point where that device starts.</summary>
/// <param name="Major">Device major.</param>
/// <param name="Minor">Device minor.</param>
/// <param name="MountPoint">The top directory of the filesystem holding the path; null for a device node's own device.</param>
public sealed record DeviceLocation(uint Major, uint Minor, string? MountPoint);
