using Orchestrator.Actors.Native;
using Orchestrator.Native.HostPaths;
using Orchestrator.TestKit.Privileges;
using Mounts = Orchestrator.Native.Mounting.Mounts;
using TmpfsOptions = Orchestrator.Native.Mounting.TmpfsOptions;

namespace Orchestrator.Tests.Native;

// Each question about mounts is asked of the kernel mount by mount (listmount, statmount) and,
// with MountTableOnly, of the parsed mountinfo table as on kernels before 6.8: same answers, and
// the counters show which way each one went.
public sealed partial class NativeOperationsTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadMounts_AfterItsOwnBindAndUnmount_SeesEachChange(bool tableOnly)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations { MountTableOnly = tableOnly };
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "t");
            Assert.Equal([scratch], Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints);

            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: false)));
            var afterBind = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;
            Ok<UnmountDone>(ops.Execute(new Unmount(scratch, target)));
            var afterUnmount = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;

            Assert.Equal([scratch, target], afterBind);
            Assert.Equal([scratch], afterUnmount);
            Assert.Equal(tableOnly ? (3, 0) : (1, 2), (ops.MountTableReads, ops.SubtreeListings));
        });
    }

    [RootFact]
    public void PrepareReconciliation_SandboxesPresent_ReadsTheTableAheadAndTheReconcilesAfterItReadNothing()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var sandboxes = Directory.CreateDirectory(Path.Combine(scratch, "sandboxes")).FullName;
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(sandboxes, "s1");
            Mounts.BindMount(source, target, readOnly: false, Orchestrator.Native.Mounting.Propagation.Private);

            var prepared = Ok<ReconciliationPrepared>(ops.Execute(new PrepareReconciliation(sandboxes)));
            var readsAfterPreparing = ops.MountTableReads;
            var answer = Ok<MountsRead>(ops.Execute(new ReadMounts(target))).MountPoints;

            Assert.True(prepared.TableRead);
            Assert.Equal(1, readsAfterPreparing);
            Assert.Equal([target], answer);
            Assert.Equal((1, 0), (ops.MountTableReads, ops.SubtreeListings));
            Assert.Equal(UnmountOutcome.Unmounted, Ok<UnmountDone>(ops.Execute(new Unmount(scratch, target))).Outcome);
        });
    }

    [RootTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void PrepareReconciliation_NothingToReconcile_ReadsNothing(bool directoryExists)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var sandboxes = Path.Combine(scratch, "sandboxes");
            if (directoryExists)
            {
                Directory.CreateDirectory(sandboxes);
            }

            var prepared = Ok<ReconciliationPrepared>(ops.Execute(new PrepareReconciliation(sandboxes)));

            Assert.False(prepared.TableRead);
            Assert.Equal(0, ops.MountTableReads);
        });
    }

    [RootFact]
    public void ReadMounts_TableOnlyNothingChangedInBetween_TableReadOnce()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations { MountTableOnly = true };
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "t");
            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: false)));

            var first = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;
            Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([source])));
            var second = Ok<MountsRead>(ops.Execute(new ReadMounts(target))).MountPoints;

            Assert.Equal(1, ops.MountTableReads);
            Assert.Equal([scratch, target], first);
            Assert.Equal([target], second);
            Assert.Equal(UnmountOutcome.Unmounted, Ok<UnmountDone>(ops.Execute(new Unmount(scratch, target))).Outcome);
        });
    }

    [RootFact]
    public void ReadMounts_LongRunAfterAChange_ListsSubtreesThenReadsTheTableOnceAndAnswersFromIt()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "t");
            var first = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;
            Ok<BindMounted>(ops.Execute(new BindMount(source, target, ReadOnly: false)));
            var budget = NativeOperations.SubtreeListingsPerTableRead;

            var answers = Enumerable.Range(0, budget + 10).Select(_ => Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints).ToList();
            var afterRun = (ops.SubtreeListings, ops.MountTableReads);
            Ok<UnmountDone>(ops.Execute(new Unmount(scratch, target)));
            var afterChange = Ok<MountsRead>(ops.Execute(new ReadMounts(scratch))).MountPoints;

            Assert.Equal([scratch], first);
            Assert.All(answers, a => Assert.Equal([scratch, target], a));
            Assert.Equal((budget, 2L), afterRun);
            Assert.Equal([scratch], afterChange);
            Assert.Equal((budget + 1, 2L), (ops.SubtreeListings, ops.MountTableReads));
        });
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void InspectHostPaths_ManyDirectorySources_TypesFoundWithoutReadingTheTableMoreThanOnce(bool tableOnly)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations { MountTableOnly = tableOnly };
            var sources = Enumerable.Range(0, 4).Select(i => Directory.CreateDirectory(Path.Combine(scratch, "v" + i)).FullName).ToList();

            var facts = Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths(sources))).Paths;

            Assert.Equal(tableOnly ? 1 : 0, ops.MountTableReads);
            Assert.All(facts, f => Assert.Null(f.Problem));
            Assert.All(facts, f => Assert.Equal(HostPathClassifier.Classify(f.Source).Kind, f.Kind));
        });
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void InspectHostPaths_EmptyDirGivenATmpfsBySomeoneElseSinceTheLastLook_SeenAsEphemeral(bool tableOnly)
    {
        // On disk, not on the scratch tmpfs: the type must change when the tmpfs arrives.
        var disk = Directory.CreateDirectory(Path.Combine("/var/tmp", "inspect-late-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            PrivateMountNamespace.RunInScratchTmpfs(_ =>
            {
                using var ops = new NativeOperations { MountTableOnly = tableOnly };
                var emptyDir = Directory.CreateDirectory(Path.Combine(disk, "volumes", "kubernetes.io~empty-dir", "cache")).FullName;

                var onDisk = Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([emptyDir]))).Paths.Single();
                Mounts.MountTmpfs(emptyDir, new TmpfsOptions(SizeBytes: 1 << 20));
                try
                {
                    var onTmpfs = Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([emptyDir]))).Paths.Single();

                    Assert.Equal((HostPathKind.HostEmptyDir, HostPathKind.EphemeralStorage), (onDisk.Kind, onTmpfs.Kind));
                    Assert.Equal(tableOnly ? 2 : 0, ops.MountTableReads);
                }
                finally
                {
                    Mounts.Unmount(emptyDir);
                }
            });
        }
        finally
        {
            Directory.Delete(disk, recursive: true);
        }
    }

    [RootFact]
    public void InspectHostPaths_ImageBackingALoopDevice_TableReadAgainOnlyWhenSomethingChanged()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            using var ops = new NativeOperations();
            var image = Path.Combine(scratch, "disk.img");
            using (var file = File.Create(image))
            {
                file.SetLength(1 << 20);
            }

            var plain = Path.Combine(scratch, "plain.img");
            File.WriteAllText(plain, "not attached");
            var other = Directory.CreateDirectory(Path.Combine(scratch, "other")).FullName;
            var device = Ok<LoopAttached>(ops.Execute(new AttachLoop(image, ReadOnly: true))).Device;
            try
            {
                Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([plain])));
                var notAttached = ops.MountTableReads;
                Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([image])));
                Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([image])));
                var unchanged = ops.MountTableReads;
                Mounts.MountTmpfs(other, new TmpfsOptions(SizeBytes: 1 << 20));
                Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths([image])));
                Mounts.Unmount(other);

                Assert.Equal((0L, 1L, 2L), (notAttached, unchanged, ops.MountTableReads));
            }
            finally
            {
                Ok<LoopDetached>(ops.Execute(new DetachLoop(image, device)));
            }
        });
    }
}
