using Orchestrator.Native.Devices;

namespace Orchestrator.Native.Tests.Devices;

public sealed class DriveNamesTests
{
    [Theory]
    [InlineData(0, "vda")]
    [InlineData(1, "vdb")]
    [InlineData(25, "vdz")]
    [InlineData(26, "vdaa")]
    [InlineData(27, "vdab")]
    [InlineData(51, "vdaz")]
    [InlineData(52, "vdba")]
    [InlineData(701, "vdzz")]
    [InlineData(702, "vdaaa")]
    [InlineData(18277, "vdzzz")]
    [InlineData(18278, "vdaaaa")]
    [InlineData(int.MaxValue, "vdfxshrxx")]
    public void VirtioBlk_Index_ReturnsBijectiveBase26Name(int index, string expected)
    {
        Assert.Equal(expected, DriveNames.VirtioBlk(index));
    }

    [Fact]
    public void VirtioBlk_NegativeIndex_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DriveNames.VirtioBlk(-1));
    }

    [Theory]
    [InlineData(0, "0:0")]
    [InlineData(1, "0:1")]
    [InlineData(255, "0:255")]
    [InlineData(256, "1:0")]
    [InlineData(257, "1:1")]
    [InlineData(65535, "255:255")]
    public void ScsiAddress_Index_ReturnsTargetColonLun(int index, string expected)
    {
        Assert.Equal(expected, DriveNames.ScsiAddress(index));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void ScsiAddress_OutOfRange_Throws(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DriveNames.ScsiAddress(index));
    }
}
