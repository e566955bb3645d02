using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.HostPaths;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Plans;

public class ContainerPlannerTests
{
    private static readonly ContainerSpec Spec = new(
        "c1",
        new RootfsSpec(RootfsKind.Bind, "/images/c1", ReadOnly: true),
        [
            new MountSpec("/data", "/data"),
            new MountSpec("/proc", "/host-proc"),
            new MountSpec("/dev/fuse", "/dev/fuse"),
            new MountSpec("/k/pods/p/volumes/kubernetes.io~empty-dir/cache", "/cache"),
            new MountSpec("/k/pods/p/volumes/kubernetes.io~configmap/cfg", "/etc/cfg", ReadOnly: true),
        ],
        [new VolumeSpec("/images/vol.img", "/vol", "ext4", FsGroup: 2000, FsGroupChangePolicy: FsGroupChangePolicy.OnRootMismatch)]);

    private static ContainerState Running()
    {
        var host = new ScriptedStepHost(r => r is InspectHostPaths i
            ? new HostPathsInspected(i.Sources.Select(s => new InspectedPath(s, s, Kind(s), !s.EndsWith(".img", StringComparison.Ordinal) && s != "/dev/fuse", false, s.Contains("configmap", StringComparison.Ordinal), null)).ToList())
            : ScriptedStepHost.Healthy(r));
        Steps.Create(host, Spec, [4], TeardownRetryPolicy.Default);
        return host.State;
    }

    private static HostPathKind Kind(string source) => source switch
    {
        "/proc" => HostPathKind.System,
        "/dev/fuse" => HostPathKind.HostDevice,
        _ when source.Contains("empty-dir", StringComparison.Ordinal) => HostPathKind.EphemeralStorage,
        _ when source.Contains("configmap", StringComparison.Ordinal) => HostPathKind.ConfigMap,
        _ => HostPathKind.Plain,
    };

    [Fact]
    public void From_RunningContainer_SharesRewrittenToGuestPaths()
    {
        var layout = new SandboxLayout("/run/o", "s1");

        var plan = ContainerPlanner.From(Running(), layout, BlockDriver.VirtioBlk);

        Assert.Equal("/run/kata-containers/shared/containers/c1/rootfs", plan.Rootfs.GuestPath);
        Assert.True(plan.Rootfs.ReadOnly);
        Assert.Equal(["/data", "/etc/cfg"], plan.SharedPaths.Select(p => p.ContainerPath));
        var cfg = plan.SharedPaths.Single(p => p.ContainerPath == "/etc/cfg");
        Assert.True(cfg.Watchable);
        Assert.True(cfg.ReadOnly);
        Assert.StartsWith(layout.Shared + "/c1-", cfg.SharedPath, StringComparison.Ordinal);
        Assert.StartsWith(SandboxLayout.GuestSharedRoot + "/c1-", cfg.GuestPath, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EveryMountClass_TreatedByItsRule()
    {
        var plan = ContainerPlanner.From(Running(), new SandboxLayout("/run/o", "s1"), BlockDriver.VirtioBlk);
        var byDestination = plan.GuestMounts.ToDictionary(m => m.Destination);

        Assert.DoesNotContain("/host-proc", byDestination.Keys);
        Assert.Equal("tmpfs", byDestination["/cache"].Type);
        Assert.Equal("/dev/fuse", byDestination["/dev/fuse"].Source);
        Assert.Equal("bind", byDestination["/data"].Type);
        Assert.Equal(["rbind", "ro"], byDestination["/etc/cfg"].Options);
        Assert.Equal("/dev/vde", byDestination["/vol"].Source);
        Assert.Equal("ext4", byDestination["/vol"].Type);
        Assert.All(GuestMountList.Mandatory, m => Assert.Contains(m.Destination, byDestination.Keys));
    }

    [Theory]
    [InlineData(BlockDriver.VirtioBlk, "/dev/vde")]
    [InlineData(BlockDriver.VirtioScsi, "0:4")]
    public void From_Volume_GuestAddressFollowsDriverAndKeepsFsGroup(BlockDriver driver, string address)
    {
        var plan = ContainerPlanner.From(Running(), new SandboxLayout("/run/o", "s1"), driver);

        var block = Assert.Single(plan.BlockDevices);
        Assert.Equal(4, block.Index);
        Assert.Equal(address, block.GuestAddress);
        Assert.Equal("/dev/loop9", block.HostDevice);
        Assert.Equal(2000, block.FsGroup);
        Assert.Equal(FsGroupChangePolicy.OnRootMismatch, block.FsGroupChangePolicy);
    }

    [Fact]
    public void GuestAddress_IndexBeyondScsiRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContainerPlanner.GuestAddress(BlockDriver.VirtioScsi, 65536));
}
