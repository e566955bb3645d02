using Orchestrator.Native.Interop;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.Mounting;

/// <summary>
/// Binds and unmounts that work on descriptors: on this kernel (open_tree, move_mount,
/// mount_setattr, openat2) and through the fallbacks older kernels take.
/// </summary>
[Collection(LegacyMountApiCollection.Name)]
public sealed class MountsDescriptorTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void BindMount_ReadOnlyRecursive_EverySubmountReadOnlyAndWritesFail(bool legacy)
    {
        WithMountApi(legacy, () => PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "volume")).FullName;
            var nested = Directory.CreateDirectory(Path.Combine(source, "nested")).FullName;
            Mounts.MountTmpfs(nested, new TmpfsOptions(SizeBytes: 1 << 20));
            var target = Path.Combine(scratch, "mounts", "c1-volume");

            Mounts.BindMount(source, target, readOnly: true, Propagation.Private, recursive: true);

            var table = MountInfo.ReadThread();
            Assert.True(table.FindByMountPoint(target)!.IsReadOnly);
            Assert.True(table.FindByMountPoint(Path.Combine(target, "nested"))!.IsReadOnly);
            Assert.False(table.FindByMountPoint(nested)!.IsReadOnly);
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(target, "nested", "x"), "guest"));
            File.WriteAllText(Path.Combine(nested, "host"), "still writable at the source");
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target, detach: true));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(nested));
        }));
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void BindMount_SymlinkInResolvedSource_RefusedAndNothingMounted(bool legacy)
    {
        WithMountApi(legacy, () => PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var real = Directory.CreateDirectory(Path.Combine(scratch, "real", "data")).FullName;
            File.CreateSymbolicLink(Path.Combine(scratch, "link"), Path.Combine(scratch, "real"));
            var target = Path.Combine(scratch, "mounts", "t");

            var e = Assert.Throws<PathRefusedException>(() =>
                Mounts.BindMount(Path.Combine(scratch, "link", "data"), target, readOnly: false, Propagation.Private, resolveSource: false));

            Assert.Equal(PathRefusal.SymbolicLink, e.Reason);
            Assert.False(MountInfo.ReadThread().IsMountPoint(target));
            Assert.True(Directory.Exists(real));
        }));
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void BindMount_CheckRefuses_NothingMounted(bool legacy)
    {
        WithMountApi(legacy, () => PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "mounts", "t");
            var seen = new List<string>();

            Assert.Throws<InvalidOperationException>(() => Mounts.BindMount(source, target, readOnly: false, Propagation.Private,
                check: (path, status) =>
                {
                    seen.Add(path + (status.IsDirectory ? "/" : ""));
                    throw new InvalidOperationException("refused by policy");
                }));

            Assert.Equal([source + "/"], seen);
            Assert.False(MountInfo.ReadThread().IsMountPoint(target));
        }));
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnmountBeneath_ParentIsSymlink_RefusedAndTheMountItPointsAtKept(bool legacy)
    {
        WithMountApi(legacy, () => PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var root = Directory.CreateDirectory(Path.Combine(scratch, "run")).FullName;
            var outside = Directory.CreateDirectory(Path.Combine(scratch, "outside", "rootfs")).FullName;
            Mounts.MountTmpfs(outside, new TmpfsOptions(SizeBytes: 1 << 20));
            File.CreateSymbolicLink(Path.Combine(root, "c1"), Path.Combine(scratch, "outside"));

            var e = Assert.Throws<PathRefusedException>(() => Mounts.UnmountBeneath(root, Path.Combine(root, "c1", "rootfs")));

            Assert.Equal(PathRefusal.SymbolicLink, e.Reason);
            Assert.True(MountInfo.ReadThread().IsMountPoint(outside));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(outside));
        }));
    }

    [RootFact]
    public void UnmountBeneath_MountedAndMissing_UnmountsThenReportsNotMounted()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var target = Directory.CreateDirectory(Path.Combine(scratch, "run", "c1", "rootfs")).FullName;
            Mounts.MountTmpfs(target, new TmpfsOptions(SizeBytes: 1 << 20));

            Assert.Equal(UnmountOutcome.Unmounted, Mounts.UnmountBeneath(Path.Combine(scratch, "run"), target));
            Assert.Equal(UnmountOutcome.NotMounted, Mounts.UnmountBeneath(Path.Combine(scratch, "run"), target));
            Assert.Equal(UnmountOutcome.NotMounted, Mounts.UnmountBeneath(Path.Combine(scratch, "run"), Path.Combine(scratch, "run", "gone", "x")));
        });
    }

    private static void WithMountApi(bool legacy, Action body)
    {
        MountApi.ForceLegacy = legacy;
        try
        {
            body();
        }
        finally
        {
            MountApi.ForceLegacy = false;
        }
    }
}

/// <summary>Tests that switch the process-wide fallback switch run one at a time, apart from the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LegacyMountApiCollection
{
    public const string Name = "legacy mount api";
}
