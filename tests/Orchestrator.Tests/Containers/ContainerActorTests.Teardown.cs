using Akka.Actor;
using System.Diagnostics;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public sealed partial class ContainerActorTests
{
    private static readonly ContainerSpec RootfsOnly = Spec with { Mounts = [], Volumes = [] };

    [Fact]
    public void DestroyContainer_UnmountBusy_RetriedWithBackoffThenLazilyDetachedAndRecorded()
    {
        var policy = new TeardownRetryPolicy(3, TimeSpan.FromMilliseconds(40), 2.0, TimeSpan.FromSeconds(1));
        var container = CreateRunning(DefaultSettings with { RetryPolicy = policy }, RootfsOnly);

        container.Tell(new DestroyContainer("s1", "c1"));
        var first = _native.Answer<Unmount>(u => new UnmountDone(u.Target, UnmountOutcome.Busy));
        var clock = Stopwatch.StartNew();
        _native.Answer<Unmount>(u => new UnmountDone(u.Target, UnmountOutcome.Busy));
        var second = clock.Elapsed;
        _native.Answer<Unmount>(u => new UnmountDone(u.Target, UnmountOutcome.Busy));
        var third = clock.Elapsed;
        var detach = _native.Answer<Unmount>();
        _native.ServeUntilReplied(this);
        var report = ExpectMsg<TeardownReport>();

        Assert.False(first.Detach);
        Assert.True(detach.Detach);
        Assert.Equal(first.Target, detach.Target);
        Assert.True(second >= TimeSpan.FromMilliseconds(35), $"second attempt after {second}");
        Assert.True(third - second >= TimeSpan.FromMilliseconds(75), $"third attempt {third - second} after the second");
        Assert.True(report.Clean);
        var undone = (JournalEvents.Read(this, PersistenceId)).OfType<ResourceUndone>().First(u => u.Key == "rootfs");
        Assert.Equal(UndoOutcome.Detached, undone.How);
        Assert.Equal(4, undone.Attempts);
    }

    [Fact]
    public void DestroyContainer_SymlinkPlantedAtAMountPoint_RefusedReportedAndTheRestStillUndone()
    {
        var container = CreateRunning();

        container.Tell(new DestroyContainer("s1", "c1"));
        var calls = _native.ServeUntilReplied(this, r => r is Unmount u && u.Target == Layout.HostMount("c1", "/data")
            ? new UnmountDone(u.Target, UnmountOutcome.RefusedSymlink)
            : null);
        var report = ExpectMsg<TeardownReport>();

        var error = Assert.Single(report.Errors);
        Assert.Contains("possible malicious guest", error, StringComparison.Ordinal);
        Assert.Contains(Layout.HostMount("c1", "/data"), error, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c is RemoveMountPoint r && r.Target == Layout.HostMount("c1", "/data"));
        Assert.Contains(calls, c => c is Unmount u && u.Target == Layout.Rootfs("c1"));
        var events = JournalEvents.Describe(this, PersistenceId);
        Assert.Contains("Refused mount:/data", events);
        Assert.Equal("TeardownCompleted 1", events[^1]);
        _parent.FishForMessage<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.Destroyed);
        _parent.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void DestroyContainer_KernelSaysGoneWhileJournalSaysMounted_SucceedsAndRecordsAlreadyGone()
    {
        var container = CreateRunning();

        container.Tell(new DestroyContainer("s1", "c1"));
        _native.ServeUntilReplied(this, r => r switch
        {
            Unmount u => new UnmountDone(u.Target, UnmountOutcome.NotMounted),
            RemoveMountPoint m => new MountPointRemoved(m.Target, RemoveOutcome.AlreadyGone),
            DetachLoop d => new LoopDetached(d.Device, WasAttached: false),
            _ => null,
        });
        var report = ExpectMsg<TeardownReport>();

        Assert.True(report.Clean);
        var undone = (JournalEvents.Read(this, PersistenceId)).OfType<ResourceUndone>().ToList();
        Assert.Equal(StepKeys.Reverse(), undone.Select(u => u.Key));
        Assert.All(undone, u => Assert.Equal(UndoOutcome.AlreadyGone, u.How));
        _parent.FishForMessage<ContainerGone>(g => g.ContainerId == "c1");
    }

    [Fact]
    public void DestroyContainer_Twice_SecondIsCleanAndCallsNothing()
    {
        var container = CreateRunning();
        container.Tell(new DestroyContainer("s1", "c1"));
        _native.ServeUntilReplied(this);
        ExpectMsg<TeardownReport>();
        var written = (JournalEvents.Read(this, PersistenceId)).Count;

        container.Tell(new DestroyContainer("s1", "c1"));

        Assert.True(ExpectMsg<TeardownReport>().Clean);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, (JournalEvents.Read(this, PersistenceId)).Count);
    }

    [Fact]
    public void DestroyContainer_RetriedAfterARefusedUndo_StillNotCleanThenReallyUnmountsOnceTheSymlinkIsGone()
    {
        var container = CreateRunning();
        var data = Layout.HostMount("c1", "/data");
        container.Tell(new DestroyContainer("s1", "c1"));
        _native.ServeUntilReplied(this, r => r is Unmount u && u.Target == data ? new UnmountDone(u.Target, UnmountOutcome.RefusedSymlink) : null);
        Assert.False(ExpectMsg<TeardownReport>().Clean);

        container.Tell(new DestroyContainer("s1", "c1"));
        var retry = _native.ServeUntilReplied(this);
        var report = ExpectMsg<TeardownReport>();

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.Equal(["Unmount " + data, "RemoveMountPoint " + data], retry.Select(Name));
        Assert.Equal(UndoOutcome.Removed, JournalEvents.Read(this, PersistenceId).OfType<ResourceUndone>().Last().How);
        Assert.Empty(JournalEvents.ContainerState(this, PersistenceId).ToUndo);
        _parent.FishForMessage<ContainerGone>(g => g.ContainerId == "c1");
    }

    [Fact]
    public void DestroyContainer_StillRefusedOnRetry_ReportedAgainAndTheContainerKept()
    {
        var container = CreateRunning();
        var data = Layout.HostMount("c1", "/data");
        Func<INativeRequest, INativeReply?> planted = r => r is Unmount u && u.Target == data ? new UnmountDone(u.Target, UnmountOutcome.RefusedSymlink) : null;
        container.Tell(new DestroyContainer("s1", "c1"));
        _native.ServeUntilReplied(this, planted);
        ExpectMsg<TeardownReport>();

        container.Tell(new DestroyContainer("s1", "c1"));
        _native.ServeUntilReplied(this, planted);
        var report = ExpectMsg<TeardownReport>();

        Assert.Contains("possible malicious guest", Assert.Single(report.Errors), StringComparison.Ordinal);
        Assert.Equal(ResourceStatus.Refused, JournalEvents.ContainerState(this, PersistenceId).Find("mount:/data")!.Status);
        Assert.DoesNotContain(_parent.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m), m => m is ContainerGone);
    }
}
