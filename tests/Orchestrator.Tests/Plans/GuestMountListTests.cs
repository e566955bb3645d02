using Orchestrator.Actors.Plans;

namespace Orchestrator.Tests.Plans;

public class GuestMountListTests
{
    [Fact]
    public void Compile_NoMounts_AddsEveryMandatoryMountParentsFirst()
    {
        var list = GuestMountList.Compile([]);

        Assert.Equal(["/proc", "/sys", "/dev", "/tmp", "/dev/pts"], list.Select(m => m.Destination));
        Assert.Equal(["proc", "sysfs", "devtmpfs", "tmpfs", "devpts"], list.Select(m => m.Type));
    }

    [Fact]
    public void Compile_ContainerBringsTmp_KeepsItsOwnInsteadOfMandatory()
    {
        var own = new GuestMount("/tmp/", "bind", "/run/kata-containers/shared/containers/c1-tmp", ["rbind", "rw"]);

        var list = GuestMountList.Compile([own]);

        var tmp = Assert.Single(list, m => m.Destination == "/tmp");
        Assert.Equal("bind", tmp.Type);
        Assert.Equal(5, list.Count);
    }

    [Fact]
    public void Compile_NestedContainerMounts_ParentBeforeChildKeepingOrderOtherwise()
    {
        var child = GuestMount.Bind("/data/cache", "/g/cache", readOnly: false);
        var parent = GuestMount.Bind("/data", "/g/data", readOnly: false);
        var sibling = GuestMount.Bind("/etc/config", "/g/config", readOnly: true);

        var list = GuestMountList.Compile([child, parent, sibling]).Select(m => m.Destination).ToList();

        Assert.True(list.IndexOf("/data") < list.IndexOf("/data/cache"));
        Assert.True(list.IndexOf("/dev") < list.IndexOf("/dev/pts"));
        Assert.True(list.IndexOf("/data/cache") < list.IndexOf("/etc/config"));
    }

    [Theory]
    [InlineData("/a//b/./c/", "/a/b/c")]
    [InlineData("/", "/")]
    [InlineData("/proc", "/proc")]
    public void Normalize_AbsolutePath_CleansLexically(string input, string expected) =>
        Assert.Equal(expected, GuestMountList.Normalize(input));

    [Theory]
    [InlineData("relative")]
    [InlineData("/a/../../etc")]
    [InlineData("")]
    public void Normalize_RelativeOrEscaping_Throws(string input) =>
        Assert.ThrowsAny<ArgumentException>(() => GuestMountList.Normalize(input));
}
