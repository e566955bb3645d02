using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Native;

/// <summary>The composite native operations against the real kernel, in a private mount namespace.</summary>
public sealed partial class NativeOperationsTests
{
    private static T Ok<T>(INativeReply reply) where T : INativeReply =>
        reply is NativeFailed f ? throw new Xunit.Sdk.XunitException($"native call failed: {f.Error.Message}") : Assert.IsAssignableFrom<T>(reply);

    private static void LayOut(NativeOperations ops, SandboxLayout layout)
    {
        foreach (var step in SandboxLayoutPlan.Steps(layout))
        {
            Ok<INativeReply>(ops.Execute(step.Call));
        }
    }

    private static void TearDown(NativeOperations ops, SandboxLayout layout, params string[] targets)
    {
        foreach (var target in targets.Concat([layout.Shared, layout.Mounts, layout.Root]))
        {
            Assert.NotEqual(UnmountOutcome.Busy, Ok<UnmountDone>(ops.Execute(new Unmount(layout.SandboxesDir, target))).Outcome);
        }
    }

    [RootFact]
    public void BindMount_ReadOnlyThroughStaging_ReadOnlyWhereTheGuestLooksAndNoStagingLeft()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            var source = Directory.CreateDirectory(Path.Combine(scratch, "config")).FullName;
            File.WriteAllText(Path.Combine(source, "a.conf"), "x");
            LayOut(ops, layout);
            var ro = layout.HostMount("c1", "/etc/config");
            var rw = layout.HostMount("c1", "/data");

            Ok<BindMounted>(ops.Execute(new BindMount(source, ro, ReadOnly: true, "private", layout.Staging(ro))));
            Ok<BindMounted>(ops.Execute(new BindMount(source, rw, ReadOnly: false)));

            var table = MountInfo.ReadThread();
            Assert.True(table.FindByMountPoint(layout.SharedView(ro))!.IsReadOnly);
            Assert.False(table.FindByMountPoint(layout.SharedView(rw))!.IsReadOnly);
            Assert.Equal("x", File.ReadAllText(Path.Combine(layout.SharedView(ro), "a.conf")));
            Assert.DoesNotContain(table.MountsAtOrBelow(layout.Private), e => e.MountPoint != layout.Private);
            Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Private));
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(layout.SharedView(ro), "b.conf"), "y"));

            TearDown(ops, layout, ro, rw);
        });
    }

    [RootFact]
    public void Unmount_UnderMounts_AlsoLeavesTheSharedView()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            LayOut(ops, layout);
            var target = layout.HostMount("c1", "/data");
            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: false)));
            Assert.True(MountInfo.ReadThread().IsMountPoint(layout.SharedView(target)));

            Assert.Equal(UnmountOutcome.Unmounted, Ok<UnmountDone>(ops.Execute(new Unmount(layout.Root, target))).Outcome);

            Assert.False(MountInfo.ReadThread().IsMountPoint(layout.SharedView(target)));
            Assert.Equal(RemoveOutcome.Removed, Ok<MountPointRemoved>(ops.Execute(new RemoveMountPoint(layout.Root, target))).Outcome);
            Assert.False(Directory.Exists(layout.SharedView(target)));
            TearDown(ops, layout);
        });
    }

    [RootFact]
    public void Unmount_SymlinkPlantedInPath_RefusedAndNothingUnmounted()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            LayOut(ops, layout);
            var planted = Path.Combine(layout.Mounts, "c1");
            File.CreateSymbolicLink(planted, scratch);

            var reply = Ok<UnmountDone>(ops.Execute(new Unmount(layout.Root, Path.Combine(planted, "rootfs"))));
            var removal = Ok<MountPointRemoved>(ops.Execute(new RemoveMountPoint(layout.Root, planted)));

            Assert.Equal(UnmountOutcome.RefusedSymlink, reply.Outcome);
            Assert.Equal(RemoveOutcome.RefusedSymlink, removal.Outcome);
            Assert.True(MountInfo.ReadThread().IsMountPoint(layout.Mounts));
            File.Delete(planted);
            TearDown(ops, layout);
        });
    }

    [RootFact]
    public void Inspect_SymlinkToSystemPath_ClassifiedByItsTarget()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var evil = Path.Combine(scratch, "evil");
            File.CreateSymbolicLink(evil, "/");

            var facts = Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([evil + "/proc", Path.Combine(scratch, "missing")]))).Paths;

            Assert.Equal(Orchestrator.Native.HostPaths.HostPathKind.System, facts[0].Kind);
            Assert.Equal("/proc", facts[0].ResolvedPath);
            Assert.Contains("does not exist", facts[1].Problem, StringComparison.Ordinal);
        });
    }

    [RootFact]
    public void BindMount_UnknownPropagation_FailsBeforeAnySyscall()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var target = Path.Combine(scratch, "t");

            var reply = Assert.IsType<NativeFailed>(ops.Execute(new BindMount(scratch, target, false, "sharde")));

            Assert.Equal("EINVAL", reply.Error.Errno);
            Assert.False(Directory.Exists(target));
        });
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void SweepStaging_MountedAndBareLeftovers_BothGoneAndPrivateEmpty(bool tableOnly)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations { MountTableOnly = tableOnly };
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            LayOut(ops, layout);
            var mounted = layout.Staging(layout.HostMount("c1", "/a"));
            var bare = layout.Staging(layout.HostMount("c1", "/b"));
            Ok<BindMounted>(ops.Execute(new BindMount(source, mounted, ReadOnly: true)));
            Directory.CreateDirectory(bare);

            var swept = Ok<StagingSwept>(ops.Execute(new SweepStaging(layout.SandboxesDir, layout.Private)));

            Assert.Equal([mounted], swept.Detached);
            Assert.Equal(new[] { bare, mounted }.Order(StringComparer.Ordinal), swept.Removed.Order(StringComparer.Ordinal));
            Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Private));
            Assert.DoesNotContain(MountInfo.ReadThread().MountsAtOrBelow(layout.Private), e => e.MountPoint != layout.Private);
            Assert.Equal(tableOnly ? 1 : 0, ops.MountTableReads);
            TearDown(ops, layout);
        });
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void SweepStaging_StackedLeftoverWithASubmount_EverythingDetachedAndPrivateEmpty(bool tableOnly)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations { MountTableOnly = tableOnly };
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            Directory.CreateDirectory(Path.Combine(source, "nested"));
            LayOut(ops, layout);
            var staging = layout.Staging(layout.HostMount("c1", "/a"));
            Ok<BindMounted>(ops.Execute(new BindMount(source, staging, ReadOnly: false)));
            Ok<TmpfsMounted>(ops.Execute(new MountTmpfs(Path.Combine(staging, "nested"), 1 << 20)));
            Ok<BindMounted>(ops.Execute(new BindMount(source, staging, ReadOnly: false)));

            var swept = Ok<StagingSwept>(ops.Execute(new SweepStaging(layout.SandboxesDir, layout.Private)));

            Assert.Contains(staging, swept.Detached);
            Assert.Equal([staging], swept.Removed);
            Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Private));
            Assert.DoesNotContain(MountInfo.ReadThread().MountsAtOrBelow(layout.Private), e => e.MountPoint != layout.Private);
            TearDown(ops, layout);
        });
    }
}
