using Orchestrator.Native.MountTables;

namespace Orchestrator.Native.Tests.MountTables;

public sealed class MountTableTests
{
    private const string Text =
        "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n" +
        "10 1 0:40 / /a/b rw - tmpfs first rw\n" +
        "11 10 0:41 / /a/b/c rw - tmpfs child rw\n" +
        "12 1 0:42 / /a/bc rw - tmpfs sibling rw\n" +
        "13 10 0:43 / /a/b rw - tmpfs second rw\n";

    private static readonly MountTable Table = new(MountInfo.Parse(Text));

    [Fact]
    public void FindByMountPoint_StackedMounts_ReturnsTheLastOne()
    {
        Assert.Equal("second", Table.FindByMountPoint("/a/b")!.Source);
        Assert.Equal(["first", "second"], Table.FindAllByMountPoint("/a/b").Select(e => e.Source));
    }

    [Theory]
    [InlineData("/a/b", true)]
    [InlineData("/a/b/", true)]
    [InlineData("/a//b/./c/..", true)]
    [InlineData("/a", false)]
    [InlineData("/a/b/c/d", false)]
    public void IsMountPoint_Path_ComparesCleanedPaths(string path, bool expected)
    {
        Assert.Equal(expected, Table.IsMountPoint(path));
    }

    [Fact]
    public void MountsAtOrBelow_SiblingWithSamePrefix_IsNotIncluded()
    {
        var below = Table.MountsAtOrBelow("/a/b").Select(e => e.MountId);

        Assert.Equal([10, 11, 13], below);
    }

    [Fact]
    public void MountsAtOrBelow_Root_ReturnsEverything()
    {
        Assert.Equal(5, Table.MountsAtOrBelow("/").Count);
    }

    [Fact]
    public void FindById_KnownAndUnknown_ReturnsEntryOrNull()
    {
        Assert.Equal("/a/bc", Table.FindById(12)!.MountPoint);
        Assert.Null(Table.FindById(99));
    }
}
