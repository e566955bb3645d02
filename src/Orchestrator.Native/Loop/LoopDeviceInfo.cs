namespace Orchestrator.Native.Loop;

/// <summary>An attached loop device as sysfs describes it.</summary>
/// <param name="Number">N in /dev/loopN.</param>
/// <param name="DevicePath">/dev/loopN.</param>
/// <param name="BackingFile">The backing file's path as the kernel prints it (d_path; may end in " (deleted)").</param>
/// <param name="AutoClear">LO_FLAGS_AUTOCLEAR: detaches when the last opener closes it.</param>
/// <param name="ReadOnly">The device is read-only.</param>
public sealed record LoopDeviceInfo(int Number, string DevicePath, string BackingFile, bool AutoClear, bool ReadOnly);
