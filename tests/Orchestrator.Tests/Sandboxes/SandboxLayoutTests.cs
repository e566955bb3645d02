using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Sandboxes;

public class SandboxLayoutTests
{
    private readonly SandboxLayout _layout = new("/run/orchestrator", "s1");

    [Fact]
    public void Paths_FollowTheDocumentedLayout()
    {
        Assert.Equal("/run/orchestrator/sandboxes/s1/mounts", _layout.Mounts);
        Assert.Equal("/run/orchestrator/sandboxes/s1/shared", _layout.Shared);
        Assert.Equal("/run/orchestrator/sandboxes/s1/private", _layout.Private);
        Assert.Equal("/run/orchestrator/sandboxes/s1/mounts/c1/rootfs", _layout.Rootfs("c1"));
        Assert.Equal("/run/orchestrator/sandboxes/s1/mounts/c1/snapshotdir", _layout.SnapshotDir("c1"));
    }

    [Fact]
    public void HostMount_SameBaseNameDifferentDestinations_DistinctReadableNames()
    {
        var a = _layout.HostMount("c1", "/a/data");
        var b = _layout.HostMount("c1", "/b/data");

        Assert.NotEqual(a, b);
        Assert.StartsWith("/run/orchestrator/sandboxes/s1/mounts/c1-", a, StringComparison.Ordinal);
        Assert.EndsWith("-data", a, StringComparison.Ordinal);
        Assert.Equal(a, _layout.HostMount("c1", "/a/data"));
    }

    [Fact]
    public void HostMount_HostileDestinationName_StaysOneComponent()
    {
        var path = _layout.HostMount("c1", "/x/..hidden dir");

        Assert.Equal(_layout.Mounts, Path.GetDirectoryName(path));
        Assert.EndsWith("-hidden_dir", path, StringComparison.Ordinal);
    }

    [Fact]
    public void GuestPathAndSharedView_RewriteUnderMounts()
    {
        var rootfs = _layout.Rootfs("c1");

        Assert.Equal("/run/kata-containers/shared/containers/c1/rootfs", _layout.GuestPath(rootfs));
        Assert.Equal("/run/orchestrator/sandboxes/s1/shared/c1/rootfs", _layout.SharedView(rootfs));
    }

    [Theory]
    [InlineData("/run/orchestrator/sandboxes/s1/mounts")]
    [InlineData("/run/orchestrator/sandboxes/s1/private/x")]
    [InlineData("/etc/passwd")]
    public void GuestPath_OutsideMounts_Throws(string path) =>
        Assert.Throws<ArgumentException>(() => _layout.GuestPath(path));
}
