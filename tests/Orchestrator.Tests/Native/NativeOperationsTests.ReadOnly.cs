using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Mounts = Orchestrator.Native.Mounting.Mounts;
using TmpfsOptions = Orchestrator.Native.Mounting.TmpfsOptions;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Native;

public sealed partial class NativeOperationsTests
{
    // The unmount finds the volume busy with its submount, unmounts that first and tries again:
    // the submount is found by listing the volume's subtree, or in the table with tableOnly.
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void BindMount_ReadOnlyVolumeWithSubmount_SubmountReadOnlyWhereTheGuestLooks(bool tableOnly)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations { MountTableOnly = tableOnly };
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            var source = Directory.CreateDirectory(Path.Combine(scratch, "volume")).FullName;
            var nested = Directory.CreateDirectory(Path.Combine(source, "nested")).FullName;
            Mounts.MountTmpfs(nested, new TmpfsOptions(SizeBytes: 1 << 20));
            LayOut(ops, layout);
            var target = layout.HostMount("c1", "/volume");

            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: true, "private", layout.Staging(target))));

            var table = MountInfo.ReadThread();
            var guestView = Path.Combine(layout.SharedView(target), "nested");
            Assert.True(table.FindByMountPoint(Path.Combine(target, "nested"))!.IsReadOnly);
            Assert.True(table.FindByMountPoint(guestView)!.IsReadOnly);
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(guestView, "x"), "guest"));
            Assert.DoesNotContain(table.MountsAtOrBelow(layout.Private), e => e.MountPoint != layout.Private);

            Assert.Equal(UnmountOutcome.Unmounted, Ok<UnmountDone>(ops.Execute(new Unmount(layout.Root, target))).Outcome);
            Assert.Equal(tableOnly ? (1L, 0L) : (0L, 1L), (ops.MountTableReads, ops.SubtreeListings));
            Mounts.Unmount(nested);
            TearDown(ops, layout);
        });
    }
}
