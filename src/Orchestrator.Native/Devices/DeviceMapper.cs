namespace Orchestrator.Native.Devices;

/// <summary>Recognises device-mapper block devices through sysfs.</summary>
public static class DeviceMapper
{
    /// <summary>
    /// True when <c>&lt;sysfsRoot&gt;/dev/block/&lt;major&gt;:&lt;minor&gt;/dm</c> exists: the dm
    /// driver adds that directory to every device it creates.
    /// </summary>
    public static bool IsDeviceMapper(uint major, uint minor, string sysfsRoot = "/sys")
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        return Directory.Exists(Path.Combine(sysfsRoot, "dev", "block", $"{major}:{minor}", "dm"));
    }
}
