using Orchestrator.Native.Devices;
using Orchestrator.Native.Interop;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Devices;

public sealed class DeviceLookupTests
{
    [Fact]
    public void DeviceForPath_DeviceNode_ReturnsRdevWithoutMountPoint()
    {
        // /dev/null is the character device 1:3 on every Linux system.
        Assert.Equal(new DeviceLocation(1, 3, null), DeviceLookup.DeviceForPath("/dev/null"));
    }

    [Fact]
    public void DeviceForPath_FileInTempDirectory_ReturnsItsFilesystemAndMountPoint()
    {
        var file = Path.GetTempFileName();
        try
        {
            var status = FileStat.Stat(file);
            var location = DeviceLookup.DeviceForPath(file);

            Assert.Equal((status.DeviceMajor, status.DeviceMinor), (location.Major, location.Minor));
            var mount = MountInfo.ReadSelf().FindById(status.MountId!.Value)!;
            Assert.Equal(mount.MountPoint, location.MountPoint);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void DeviceForPath_Missing_ThrowsEnoent()
    {
        var error = Assert.Throws<NativeCallException>(() => DeviceLookup.DeviceForPath("/nonexistent/x"));

        Assert.Equal(Errno.ENOENT, error.Errno);
    }
}
