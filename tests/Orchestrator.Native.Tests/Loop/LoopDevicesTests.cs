using Orchestrator.Native.Loop;

namespace Orchestrator.Native.Tests.Loop;

public sealed class LoopDevicesTests : IDisposable
{
    private readonly DirectoryInfo _sysfs = Directory.CreateTempSubdirectory("orchestrator-sysfs-");

    public void Dispose() => _sysfs.Delete(recursive: true);

    [Theory]
    [InlineData("loop0", 0)]
    [InlineData("loop17", 17)]
    [InlineData("loop-control", null)]
    [InlineData("loop", null)]
    [InlineData("loop+1", null)]
    [InlineData("vda", null)]
    public void ParseNumber_Name_ReturnsNumberOrNull(string name, int? expected)
    {
        Assert.Equal(expected, LoopDevices.ParseNumber(name));
    }

    [Fact]
    public void List_FakeSysfs_ReportsOnlyAttachedDevicesInOrder()
    {
        AddDevice(3, "/images/b.img (deleted)\n", autoClear: "1\n", readOnly: "1\n");
        AddDevice(1, "/images/a.img\n", autoClear: "0\n", readOnly: "0\n");
        Directory.CreateDirectory(Path.Combine(_sysfs.FullName, "block", "loop2"));
        Directory.CreateDirectory(Path.Combine(_sysfs.FullName, "block", "vda"));

        var devices = LoopDevices.List(_sysfs.FullName);

        Assert.Equal(
            [
                new LoopDeviceInfo(1, "/dev/loop1", "/images/a.img", AutoClear: false, ReadOnly: false),
                new LoopDeviceInfo(3, "/dev/loop3", "/images/b.img (deleted)", AutoClear: true, ReadOnly: true),
            ],
            devices);
    }

    [Fact]
    public void FindByBackingFile_FakeSysfs_MatchesExactPath()
    {
        AddDevice(1, "/images/a.img\n", "1\n", "0\n");
        AddDevice(2, "/images/a.img2\n", "1\n", "0\n");

        var found = LoopDevices.FindByBackingFile("/images/a.img", _sysfs.FullName);

        Assert.Equal(1, Assert.Single(found).Number);
    }

    private void AddDevice(int number, string backingFile, string autoClear, string readOnly)
    {
        var device = Path.Combine(_sysfs.FullName, "block", $"loop{number}");
        Directory.CreateDirectory(Path.Combine(device, "loop"));
        File.WriteAllText(Path.Combine(device, "loop", "backing_file"), backingFile);
        File.WriteAllText(Path.Combine(device, "loop", "autoclear"), autoClear);
        File.WriteAllText(Path.Combine(device, "ro"), readOnly);
    }
}
