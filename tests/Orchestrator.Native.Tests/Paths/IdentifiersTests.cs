using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("0f3c9a", true)]
    [InlineData("pod-1_a.b", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a/b", false)]
    [InlineData("..", false)]
    [InlineData("a..b", false)]
    [InlineData(".hidden", false)]
    [InlineData("-flag", false)]
    [InlineData("sp ace", false)]
    [InlineData("nul\0", false)]
    [InlineData("ünïcode", false)]
    public void IsValidId_Value_AcceptsSafeComponentsOnly(string? id, bool expected)
    {
        Assert.Equal(expected, Identifiers.IsValidId(id));
    }

    [Fact]
    public void IsValidId_TooLong_IsRejected()
    {
        Assert.True(Identifiers.IsValidId(new string('a', Identifiers.MaxIdLength)));
        Assert.False(Identifiers.IsValidId(new string('a', Identifiers.MaxIdLength + 1)));
    }

    [Fact]
    public void ValidateId_Invalid_ThrowsNamingWhat()
    {
        var error = Assert.Throws<ArgumentException>(() => Identifiers.ValidateId("../x", "container id"));

        Assert.Contains("container id '../x'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data")]
    [InlineData("/")]
    [InlineData("/a/b..c")]
    public void ValidateContainerPath_Valid_DoesNotThrow(string path)
    {
        Identifiers.ValidateContainerPath(path);
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("/a/../etc")]
    [InlineData("/a\0")]
    public void ValidateContainerPath_Invalid_Throws(string? path)
    {
        Assert.Throws<ArgumentException>(() => Identifiers.ValidateContainerPath(path));
    }
}
