using Orchestrator.Actors.Native;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Native;

public sealed partial class NativeOperationsTests
{
    [RootFact]
    public void ReadMounts_NothingChangedInBetween_TableReadOnce()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "t");
            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: false)));

            var first = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;
            var readsAfterFirst = ops.MountTableReads;
            Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([source])));
            var second = Ok<MountsRead>(ops.Execute(new ReadMounts(target))).MountPoints;

            Assert.Equal(readsAfterFirst, ops.MountTableReads);
            Assert.Equal([scratch, target], first);
            Assert.Equal([target], second);
            Assert.Equal(UnmountOutcome.Unmounted, Ok<UnmountDone>(ops.Execute(new Unmount(scratch, target))).Outcome);
        });
    }

    [RootFact]
    public void ReadMounts_AfterItsOwnBindAndUnmount_SeesEachChange()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "t");
            Assert.Equal([scratch], Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints);

            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: false)));
            var afterBind = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;
            Ok<UnmountDone>(ops.Execute(new Unmount(scratch, target)));
            var afterUnmount = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;

            Assert.Equal([scratch, target], afterBind);
            Assert.Equal([scratch], afterUnmount);
            Assert.Equal(3, ops.MountTableReads);
        });
    }

    [RootFact]
    public void InspectHostPaths_ManySourcesOnOneTable_TableReadOnceAndTypesStillFound()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var sources = Enumerable.Range(0, 4).Select(i => Directory.CreateDirectory(Path.Combine(scratch, "v" + i)).FullName).ToList();

            var facts = Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths(sources))).Paths;

            Assert.Equal(1, ops.MountTableReads);
            Assert.All(facts, f => Assert.Null(f.Problem));
            Assert.All(facts, f => Assert.Equal(Orchestrator.Native.HostPaths.HostPathClassifier.Classify(f.Source).Kind, f.Kind));
        });
    }

    [RootFact]
    public void InspectHostPaths_SourceOnAMountNewerThanTheTable_ReadsTheTableAgain()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            Ok<MountsRead>(ops.Execute(new ReadMounts(scratch)));
            var late = Directory.CreateDirectory(Path.Combine(scratch, "late")).FullName;
            Orchestrator.Native.Mounting.Mounts.MountTmpfs(late, new Orchestrator.Native.Mounting.TmpfsOptions());
            try
            {
                Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([late])));

                Assert.Equal(2, ops.MountTableReads);
            }
            finally
            {
                Orchestrator.Native.Mounting.Mounts.Unmount(late, detach: true);
            }
        });
    }
}
