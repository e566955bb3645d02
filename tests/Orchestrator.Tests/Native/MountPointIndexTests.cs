using Orchestrator.Actors.Native;
using Orchestrator.Native.MountTables;

namespace Orchestrator.Tests.Native;

public sealed class MountPointIndexTests
{
    private static readonly string[] MountPoints =
    [
        "/",
        "/run",
        "/run/o/sandboxes/s1",
        "/run/o/sandboxes/s1/mounts",
        "/run/o/sandboxes/s1/shared",
        "/run/o/sandboxes/s1/mounts/c1/rootfs",
        "/run/o/sandboxes/s1/shared/c1/rootfs",
        "/run/o/sandboxes/s1-x/mounts",
        "/run/o/sandboxes/s1/mounts-2",
        "/run/o/sandboxes/s10/mounts",
        "/run/o/sandboxes/s1/mounts",
    ];

    private static MountTable Table() => new([.. MountPoints.Select((m, i) => Entry(i, m))]);

    private static MountInfoEntry Entry(int id, string mountPoint) =>
        MountInfo.TryParseLine($"{id + 20} 1 0:{id} / {mountPoint} rw - tmpfs tmpfs rw", out var entry) ? entry : throw new InvalidOperationException(mountPoint);

    [Theory]
    [InlineData("/run/o/sandboxes/s1")]
    [InlineData("/run/o/sandboxes/s1/")]
    [InlineData("/run/o/sandboxes/s1/mounts")]
    [InlineData("/run/o/sandboxes//s1/./mounts")]
    [InlineData("/run/o/sandboxes/s1/mounts/c1")]
    [InlineData("/run/o/sandboxes/s10")]
    [InlineData("/run")]
    [InlineData("/")]
    [InlineData("/nowhere")]
    public void AtOrBelow_AnyPath_SameAnswerAsTheTableScan(string path)
    {
        var table = Table();

        var indexed = new MountPointIndex(table).AtOrBelow(path);

        Assert.Equal(table.MountsAtOrBelow(path).Select(e => e.MountPoint), indexed);
    }

    [Fact]
    public void AtOrBelow_SiblingsWithTheSamePrefix_Excluded()
    {
        var below = new MountPointIndex(Table()).AtOrBelow("/run/o/sandboxes/s1/mounts");

        Assert.Equal(["/run/o/sandboxes/s1/mounts", "/run/o/sandboxes/s1/mounts/c1/rootfs", "/run/o/sandboxes/s1/mounts"], below);
    }
}
