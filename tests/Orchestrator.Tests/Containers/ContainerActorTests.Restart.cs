using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public sealed partial class ContainerActorTests
{
    [Fact]
    public void AddContainer_StepNeverAnswered_AskTimesOutActorRestartsReconcilesAndRollsBack()
    {
        var settings = DefaultSettings with { NativeCallTimeout = TimeSpan.FromMilliseconds(300) };
        var container = Spawn(settings);

        container.Tell(new AddContainer("s1", Spec));
        var attach = (AttachLoop)_native.AnswerUntil(r => r is AttachLoop);
        var failure = ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(5));
        var read = _native.Answer<ReadMounts>(_ => new MountsRead([Layout.Rootfs("c1"), Layout.HostMount("c1", "/data"), Layout.HostMount("c1", "/etc/config")]));
        var find = _native.Answer<FindLoop>(f => new LoopFound(f.Image, "/dev/loop7"));
        var rollback = _native.AnswerN(8);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));

        Assert.IsType<TimeoutException>(failure.Cause);
        Assert.Equal(Layout.Mounts, read.Under);
        Assert.Equal(attach.Image, find.Image);
        Assert.Equal(
        [
            "DetachLoop /images/vol.img",
            "Unmount " + Layout.HostMount("c1", "/etc/config"), "RemoveMountPoint " + Layout.HostMount("c1", "/etc/config"),
            "Unmount " + Layout.HostMount("c1", "/data"), "RemoveMountPoint " + Layout.HostMount("c1", "/data"),
            "Unmount " + Layout.Rootfs("c1"), "RemoveMountPoint " + Layout.Rootfs("c1"),
            "RemoveMountPoint " + Layout.ContainerDir("c1"),
        ], rollback.Select(Name));
        Assert.Equal("/dev/loop7", Assert.IsType<DetachLoop>(rollback[0]).Device);
        var events = JournalEvents.Describe(this, PersistenceId);
        // Every call was made but no outcome journaled: each intent is settled against the kernel.
        Assert.Equal(
        [
            .. CreateEvents.Take(8),
            .. StepKeys.Select(k => $"Reconciled {k} present"),
            "CreateFailed",
            "TeardownStarted",
        ], events.Take(15));
        var state = JournalEvents.ContainerState(this, PersistenceId);
        Assert.Equal(ContainerLifecycle.Failed, state.Lifecycle);
        Assert.Empty(state.ToUndo);
        _parent.FishForMessage<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.Failed);
        _parent.FishForMessage<ContainerGone>(g => g.ContainerId == "c1");
    }

    [Fact]
    public void AddContainer_BindNeverAnsweredAndNeverHappened_RecoveryRecordsItAbsentAndOnlyRemovesTheMountPoint()
    {
        var settings = DefaultSettings with { NativeCallTimeout = TimeSpan.FromMilliseconds(300) };
        var container = Spawn(settings);

        container.Tell(new AddContainer("s1", Spec));
        _native.AnswerUntil(r => r is BindMount b && b.Target == Layout.Rootfs("c1"));
        Assert.IsType<TimeoutException>(ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(5)).Cause);
        _native.Answer<ReadMounts>(_ => new MountsRead([]));
        _native.Answer<FindLoop>(f => new LoopFound(f.Image, null));
        var rollback = _native.AnswerN(4);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));

        // The binds after it were journaled as intents in the same write but never called: absent too, and never unmounted.
        Assert.Equal(
        [
            "RemoveMountPoint " + Layout.HostMount("c1", "/etc/config"), "RemoveMountPoint " + Layout.HostMount("c1", "/data"),
            "RemoveMountPoint " + Layout.Rootfs("c1"), "RemoveMountPoint " + Layout.ContainerDir("c1"),
        ], rollback.Select(Name));
        var events = JournalEvents.Describe(this, PersistenceId);
        Assert.Contains("Reconciled rootfs absent", events);
        Assert.Contains("Reconciled volume:/vol absent", events);
        Assert.Equal(ContainerLifecycle.Failed, (JournalEvents.ContainerState(this, PersistenceId)).Lifecycle);
    }

    [Fact]
    public void Respawned_CreateInterruptedByProcessRestart_RolledBackAndKeptListedAsFailed()
    {
        var first = Spawn();
        first.Tell(new AddContainer("s1", Spec));
        _native.AnswerUntil(r => r is BindMount b && b.Target == Layout.Rootfs("c1"));
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        Spawn(respawned: true);
        _native.Answer<ReadMounts>(_ => new MountsRead([Layout.Rootfs("c1")]));
        _native.Answer<FindLoop>(f => new LoopFound(f.Image, null));
        _native.AnswerN(5);

        _parent.FishForMessage<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.Failed);
        for (var m = _parent.ReceiveOne(TimeSpan.FromMilliseconds(300)); m is not null; m = _parent.ReceiveOne(TimeSpan.FromMilliseconds(300)))
        {
            Assert.IsNotType<ContainerGone>(m);
        }

        var state = JournalEvents.ContainerState(this, PersistenceId);
        Assert.Equal(ContainerLifecycle.Failed, state.Lifecycle);
        Assert.Equal("create interrupted by a restart", state.Reason);
        Assert.Empty(state.ToUndo);
    }

    [Fact]
    public void GetContainer_WhileRecoveryReconciles_AnsweredOnlyOnceTheKernelWasAsked()
    {
        var first = CreateRunning();
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Spawn(respawned: true);
        second.Tell(new GetContainer("s1", "c1"));
        _native.Hold<ReadMounts>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _native.Reply(new MountsRead([Layout.Rootfs("c1"), Layout.HostMount("c1", "/data"), Layout.HostMount("c1", "/etc/config")]));
        _native.Answer<FindLoop>(f => new LoopFound(f.Image, null));

        var info = ExpectMsg<ContainerInfo>();
        Assert.Equal(ContainerLifecycle.Running, info.Lifecycle);
        Assert.Equal("Reconciled volume:/vol absent", JournalEvents.Describe(this, PersistenceId)[^1]);
    }
}
