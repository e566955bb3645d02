using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class PathComponentsTests
{
    [Theory]
    [InlineData("/a/b", "/a/b", true)]
    [InlineData("/a/b/c", "/a/b", true)]
    [InlineData("/a/bc", "/a/b", false)]
    [InlineData("/a", "/a/b", false)]
    [InlineData("/anything", "/", true)]
    [InlineData("/a/b/../c", "/a/b", false)]
    [InlineData("/a//b/", "/a/b", true)]
    public void IsAtOrBelow_Paths_ComparesWholeComponents(string path, string ancestor, bool expected)
    {
        Assert.Equal(expected, PathComponents.IsAtOrBelow(path, ancestor));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a//b/./c/..", "/a/b")]
    [InlineData("/../..", "/")]
    [InlineData("/a/b/", "/a/b")]
    public void CleanAbsolute_Path_IsLexicallyClean(string path, string expected)
    {
        Assert.Equal(expected, PathComponents.CleanAbsolute(path));
    }

    [Fact]
    public void SplitRelative_DotsAndEmpties_AreDropped()
    {
        Assert.Equal(["a", "b"], PathComponents.SplitRelative("./a//b/."));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("/abs")]
    [InlineData("a\0b")]
    public void SplitRelative_UnsafePath_Throws(string relative)
    {
        Assert.Throws<ArgumentException>(() => PathComponents.SplitRelative(relative));
    }

    [Fact]
    public void SplitAbsolute_RelativePath_Throws()
    {
        Assert.Throws<ArgumentException>(() => PathComponents.SplitAbsolute("a/b"));
    }
}
