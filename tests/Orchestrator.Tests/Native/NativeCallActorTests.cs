using Akka.Actor;
using Orchestrator.Actors.Native;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Native;

public sealed class NativeCallActorTests : TreeTestKit
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("native-actor-").FullName;

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

    [Fact]
    public void NativeCall_Envelope_AnsweredWithTheSameIdAndTheReply()
    {
        var native = ActorOf(NativeCallActor.Props(MountNamespaceMode.Host), "native");
        var dir = Path.Combine(_scratch, "made");

        native.Tell(new NativeCall(41, new EnsureDirectory(dir)));
        var reply = ExpectMsg<NativeCallReply>();

        Assert.Equal(41, reply.Id);
        Assert.Equal(new DirectoryEnsured(dir, true), reply.Reply);
        Assert.True(Directory.Exists(dir));
    }

    [Fact]
    public void Props_PinnedDispatcher_EveryCallRunsOnTheSameThread()
    {
        var props = NativeCallActor.Props(MountNamespaceMode.Host);
        var native = ActorOf(props, "native");

        var threads = Enumerable.Range(0, 3).Select(_ =>
        {
            native.Tell(new GetNativeInfo());
            return ExpectMsg<NativeInfo>().TaskProcPath;
        }).ToList();

        Assert.Equal(NativeCallActor.DispatcherId, props.Dispatcher);
        Assert.Single(threads.Distinct());
        Assert.NotEqual($"/proc/{Environment.ProcessId}/task/{Environment.CurrentManagedThreadId}", threads[0]);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
