using Orchestrator.Native.Interop;
using Orchestrator.Native.Loop;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.Loop;

public sealed class LoopDeviceTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Attach_ImageOnTmpfs_BindsWithAutoclearAndDetachClearsIt(bool readOnly)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var image = CreateImage(scratch);
            var device = LoopDevice.Attach(image, readOnly);
            try
            {
                Assert.Equal($"/dev/loop{device.Number}", device.Path);
                Assert.Equal(image, device.BackingFile);
                var info = Assert.Single(LoopDevices.List(), d => d.Number == device.Number);
                Assert.Equal(new LoopDeviceInfo(device.Number, device.Path, image, AutoClear: true, ReadOnly: readOnly), info);
                Assert.Equal(FileType.BlockDevice, FileStat.Stat(device.Path).Type);
                Assert.Equal([device.Number], LoopDevices.FindByBackingFile(image).Select(d => d.Number));
            }
            finally
            {
                device.Detach();
            }

            Assert.True(device.IsClosed);
            Assert.Empty(LoopDevices.FindByBackingFile(image));
            device.Detach();
        });
    }

    [RootFact]
    public void Dispose_AutoclearDevice_DetachesOnLastClose()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var image = CreateImage(scratch);
            int number;
            using (var device = LoopDevice.Attach(image, readOnly: false))
            {
                number = device.Number;
                Assert.Single(LoopDevices.FindByBackingFile(image));
            }

            Assert.DoesNotContain(LoopDevices.List(), d => d.Number == number && d.BackingFile == image);
        });
    }

    [RootFact]
    public void Attach_TwoImages_GetDistinctDevices()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var first = LoopDevice.Attach(CreateImage(scratch, "a.img"), readOnly: true);
            using var second = LoopDevice.Attach(CreateImage(scratch, "b.img"), readOnly: true);

            Assert.NotEqual(first.Number, second.Number);
            first.Detach();
            second.Detach();
        });
    }

    [RootFact]
    public void Detach_ByPathOfUnattachedDevice_ReturnsFalse()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var image = CreateImage(scratch);
            var device = LoopDevice.Attach(image, readOnly: true);
            var path = device.Path;
            device.Detach();

            Assert.False(LoopDevice.Detach(path));
            Assert.False(LoopDevice.Detach("/dev/loop-no-such-device"));
        });
    }

    [RootFact]
    public void Attach_MissingImage_ThrowsEnoentBeforeTakingADevice()
    {
        var before = LoopDevices.List().Count;

        var error = Assert.Throws<NativeCallException>(() => LoopDevice.Attach("/nonexistent/disk.img", readOnly: true));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(before, LoopDevices.List().Count);
    }

    [RootFact]
    public void Attach_Directory_IsRefused()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var refused = Assert.Throws<PathRefusedException>(() => LoopDevice.Attach(scratch, readOnly: true));

            Assert.Equal(PathRefusal.UnexpectedType, refused.Reason);
        });
    }

    private static string CreateImage(string directory, string name = "disk.img")
    {
        var image = Path.Combine(directory, name);
        using var stream = new FileStream(image, FileMode.CreateNew);
        stream.SetLength(4L << 20);
        return image;
    }
}
