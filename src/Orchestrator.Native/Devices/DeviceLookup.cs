using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Devices;

/// <summary>Finds the device behind a path.</summary>
public static class DeviceLookup
{
    /// <summary>
    /// For a device node under <c>/dev</c> (anything but a regular file), the device it stands for
    /// (st_rdev) with no mount point. Otherwise the device holding the file (st_dev) and the
    /// directory where that filesystem's mount starts: the walk goes up until the device changes
    /// or, on 5.8+, a directory reports STATX_ATTR_MOUNT_ROOT (which also stops at a bind mount
    /// of the same device).
    /// </summary>
    public static DeviceLocation DeviceForPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var resolved = FileStat.RealPath(path);
        var status = FileStat.Stat(resolved);
        if (PathComponents.IsAtOrBelow(resolved, "/dev") && !status.IsRegularFile && status.IsDevice)
        {
            return new DeviceLocation(status.RdevMajor, status.RdevMinor, null);
        }

        var current = status.IsDirectory ? resolved : Parent(resolved);
        while (current != "/")
        {
            var here = FileStat.Stat(current);
            if (here.IsMountRoot == true)
            {
                break;
            }

            var parent = Parent(current);
            var above = FileStat.Stat(parent);
            if (above.DeviceMajor != status.DeviceMajor || above.DeviceMinor != status.DeviceMinor)
            {
                break;
            }

            current = parent;
        }

        return new DeviceLocation(status.DeviceMajor, status.DeviceMinor, current);
    }

    private static string Parent(string path)
    {
        var parts = PathComponents.SplitAbsolute(path);
        return "/" + string.Join('/', parts.Take(parts.Count - 1));
    }
}
