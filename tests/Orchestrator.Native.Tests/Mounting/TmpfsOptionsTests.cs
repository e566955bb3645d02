using Orchestrator.Native.Mounting;

namespace Orchestrator.Native.Tests.Mounting;

public sealed class TmpfsOptionsTests
{
    private const UnixFileMode Mode755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public void ToData_AllOptions_RendersModeInOctal()
    {
        var data = new TmpfsOptions(SizeBytes: 1048576, Mode: Mode755, Uid: 1000, Gid: 2000).ToData();

        Assert.Equal("size=1048576,mode=755,uid=1000,gid=2000", data);
    }

    [Fact]
    public void ToData_StickyMode_KeepsSpecialBits()
    {
        var sticky = UnixFileMode.StickyBit | Mode755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

        Assert.Equal("mode=1777", new TmpfsOptions(Mode: sticky).ToData());
    }

    [Fact]
    public void ToData_NoOptions_IsEmpty()
    {
        Assert.Equal(string.Empty, new TmpfsOptions().ToData());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void ToData_NonPositiveSize_Throws(long size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TmpfsOptions(SizeBytes: size).ToData());
    }
}
