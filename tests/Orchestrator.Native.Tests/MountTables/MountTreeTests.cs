using Orchestrator.Native.Interop;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.MountTables;

/// <summary>listmount and statmount against the real kernel, checked against the parsed mountinfo of the same namespace.</summary>
public sealed class MountTreeTests
{
    private static readonly TmpfsOptions Small = new(SizeBytes: 1 << 20);

    [RootFact]
    public void MountPointsAtOrBelow_StackedNestedAndSiblingMounts_SameAsMountinfo()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Dir(scratch, "src");
            Dir(source, "inner");
            var top = Dir(scratch, "a");
            var sibling = Dir(scratch, "a-sibling");
            Mounts.MountTmpfs(top, Small);
            var stacked = Dir(top, "b");
            var plain = Dir(top, "plain");
            var deep = Dir(plain, "deep");
            Mounts.BindMount(source, stacked, readOnly: false, Propagation.Private);
            Mounts.BindMount(source, stacked, readOnly: false, Propagation.Private);
            Mounts.MountTmpfs(Path.Combine(stacked, "inner"), Small);
            Mounts.BindMount(source, deep, readOnly: false, Propagation.Private);
            Mounts.BindMount(source, sibling, readOnly: false, Propagation.Private);
            try
            {
                var table = MountInfo.ReadThread();
                foreach (var path in new[] { scratch, top, stacked, plain, deep, sibling, Path.Combine(top, "missing") })
                {
                    var expected = table.MountsAtOrBelow(path).Select(e => e.MountPoint).Order(StringComparer.Ordinal);
                    var listed = MountTree.MountPointsAtOrBelow(path) ?? throw new InvalidOperationException("listmount is missing on this kernel");

                    Assert.Equal(expected, listed.Order(StringComparer.Ordinal));
                }

                Assert.Equal([stacked, stacked, Path.Combine(stacked, "inner")], MountTree.MountPointsAtOrBelow(stacked)!.Order(StringComparer.Ordinal));
            }
            finally
            {
                Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(top, detach: true));
                Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(sibling));
            }
        });
    }

    [RootFact]
    public void TryFileSystemTypeAt_TmpfsAndTheRootFileSystem_SameTypeAsMountinfo()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var table = MountInfo.ReadThread();
            var file = Path.Combine(scratch, "f");
            File.WriteAllText(file, "x");

            Assert.True(MountTree.TryFileSystemTypeAt(file, out var scratchType));
            Assert.True(MountTree.TryFileSystemTypeAt("/", out var rootType));

            Assert.Equal("tmpfs", scratchType);
            Assert.Equal(table.FindById(FileStat.Stat("/").MountId!.Value)!.FsType, rootType);
        });
    }

    [RootFact]
    public void TryDescribe_UnmountedSinceItsIdWasRead_NoDescription()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var target = Dir(scratch, "gone");
            Mounts.MountTmpfs(target, Small);
            var id = FileStat.MountOf(target, followLastSymlink: false)!.Value.UniqueId!.Value;
            Assert.True(MountTree.TryDescribe(id, LibC.STATMOUNT_MNT_POINT | LibC.STATMOUNT_FS_TYPE, out var mounted));
            Mounts.Unmount(target);

            Assert.True(MountTree.TryDescribe(id, LibC.STATMOUNT_MNT_POINT, out var unmounted));

            Assert.Equal((id, target, "tmpfs"), (mounted!.Id, mounted.MountPoint, mounted.FileSystemType));
            Assert.Equal(FileStat.MountOf(scratch, followLastSymlink: false)!.Value.UniqueId, mounted.ParentId);
            Assert.Null(unmounted);
        });
    }

    [RootFact]
    public void Changed_MountThenUnmount_ReportedOnceEach()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var target = Dir(scratch, "watched");
            using var watch = MountTableWatch.OpenThread();
            var before = watch.Changed();

            Mounts.MountTmpfs(target, Small);
            var afterMount = watch.Changed();
            var again = watch.Changed();
            Mounts.Unmount(target);
            var afterUnmount = watch.Changed();

            Assert.Equal((false, true, false, true), (before, afterMount, again, afterUnmount));
        });
    }

    private static string Dir(string parent, string name) => Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
}
