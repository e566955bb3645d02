using Orchestrator.Native.Devices;

namespace Orchestrator.Native.Tests.Devices;

public sealed class DeviceMapperTests : IDisposable
{
    private readonly DirectoryInfo _sysfs = Directory.CreateTempSubdirectory("orchestrator-sysfs-");

    public void Dispose() => _sysfs.Delete(recursive: true);

    [Fact]
    public void IsDeviceMapper_DmDirectoryPresent_ReturnsTrue()
    {
        Directory.CreateDirectory(Path.Combine(_sysfs.FullName, "dev", "block", "253:0", "dm"));

        Assert.True(DeviceMapper.IsDeviceMapper(253, 0, _sysfs.FullName));
    }

    [Fact]
    public void IsDeviceMapper_PlainDisk_ReturnsFalse()
    {
        Directory.CreateDirectory(Path.Combine(_sysfs.FullName, "dev", "block", "8:0", "queue"));

        Assert.False(DeviceMapper.IsDeviceMapper(8, 0, _sysfs.FullName));
        Assert.False(DeviceMapper.IsDeviceMapper(9, 9, _sysfs.FullName));
    }

    [Fact]
    public void IsDeviceMapper_RealSysfsLoopDevice_ReturnsFalse()
    {
        Assert.False(DeviceMapper.IsDeviceMapper(7, 0));
    }
}
