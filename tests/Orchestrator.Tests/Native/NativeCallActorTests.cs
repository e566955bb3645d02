using Orchestrator.Actors.Native;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Native;

public sealed class NativeCallActorTests : Orchestrator.TestKit.TestKit, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("native-actor-").FullName;

    void IDisposable.Dispose()
    {
        Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [RootFact]
    public void PrivateMode_MountsAreItsOwnAndInvisibleToTheHostTable()
    {
        var native = ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        var source = Directory.CreateDirectory(Path.Combine(_scratch, "src")).FullName;
        var target = Path.Combine(_scratch, "target");

        native.Tell(new BindMount(source, target, ReadOnly: false));
        ExpectMsg<BindMounted>(m => m.Target == target);
        native.Tell(new ReadMounts(_scratch));
        var seen = ExpectMsg<MountsRead>();

        Assert.Contains(target, seen.MountPoints);
        Assert.False(MountInfo.ReadSelf().IsMountPoint(target));

        native.Tell(new Unmount(_scratch, target));
        ExpectMsg<UnmountDone>(m => m.Outcome == UnmountOutcome.Unmounted);
        native.Tell(new ReadMounts(_scratch));
        Assert.DoesNotContain(target, ExpectMsg<MountsRead>().MountPoints);
    }

    [RootFact]
    public void FailedCall_AnsweredAsNativeFailedWithSyscallErrnoAndPath_ActorCarriesOn()
    {
        var native = ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        var missing = Path.Combine(_scratch, "missing");

        native.Tell(new BindMount(missing, Path.Combine(_scratch, "t"), ReadOnly: false));
        var failed = ExpectMsg<NativeFailed>();
        native.Tell(new Unmount(_scratch, Path.Combine(_scratch, "never-mounted")));

        Assert.Equal("ENOENT", failed.Error.Errno);
        Assert.Contains(failed.Error.Paths, p => p.StartsWith(missing, StringComparison.Ordinal));
        ExpectMsg<UnmountDone>(m => m.Outcome == UnmountOutcome.NotMounted);
    }
}
