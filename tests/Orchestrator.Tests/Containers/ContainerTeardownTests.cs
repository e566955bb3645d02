using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Native;

using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public class ContainerTeardownTests
{
    private static readonly ContainerSpec Spec = new("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [new MountSpec("/data", "/data")], [new VolumeSpec("/images/v.img", "/v", "ext4")]);
    private static readonly TeardownRetryPolicy Policy = new(3, TimeSpan.FromMilliseconds(10), 2.0, TimeSpan.FromMilliseconds(15));

    private static ScriptedStepHost Running(Func<INativeRequest, INativeReply> teardownAnswers)
    {
        var creating = true;
        var host = new ScriptedStepHost(r => creating ? ScriptedStepHost.Healthy(r) : teardownAnswers(r));
        Steps.Create(host, Spec, [0], Policy);
        creating = false;
        host.Calls.Clear();
        host.Events.Clear();
        return host;
    }

    [Fact]
    public void Run_Healthy_UndoesInReverseCreationOrder()
    {
        var host = Running(ScriptedStepHost.Healthy);

        var errors = Steps.Teardown(host, "destroy", Policy);

        Assert.Empty(errors);
        Assert.Equal(ContainerLifecycle.Destroyed, host.State.Lifecycle);
        Assert.Equal(["volume:/v", "mount:/data", "rootfs", "dir"], host.Events.OfType<UndoStarted>().Select(e => e.Key));
        Assert.All(host.Calls.OfType<Unmount>(), u => Assert.False(u.Detach));
        Assert.IsType<DetachLoop>(host.Calls[0]);
    }

    [Fact]
    public void Run_BusyPastBudget_RetriesOnScheduleThenDetachesLazilyAndRecordsIt()
    {
        var data = new ScriptedStepHost(_ => throw new InvalidOperationException()).Layout.HostMount("c1", "/data");
        var host = Running(r => r is Unmount { Target: var t, Detach: false } && t == data
            ? new UnmountDone(t, UnmountOutcome.Busy)
            : ScriptedStepHost.Healthy(r));

        var errors = Steps.Teardown(host, "destroy", Policy);

        Assert.Empty(errors);
        Assert.Equal([false, false, false, true], host.Calls.OfType<Unmount>().Where(u => u.Target == data).Select(u => u.Detach));
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(15)], host.Delays);
        var undone = host.Events.OfType<ResourceUndone>().Single(e => e.Key == "mount:/data");
        Assert.Equal(UndoOutcome.Detached, undone.How);
        Assert.Equal(4, undone.Attempts);
    }

    [Fact]
    public void Run_BusyThenFree_NoDetach()
    {
        var busyOnce = true;
        var host = Running(r =>
        {
            if (r is Unmount u && busyOnce)
            {
                busyOnce = false;
                return new UnmountDone(u.Target, UnmountOutcome.Busy);
            }

            return ScriptedStepHost.Healthy(r);
        });

        Steps.Teardown(host, "destroy", Policy);

        Assert.DoesNotContain(host.Calls.OfType<Unmount>(), u => u.Detach);
        Assert.DoesNotContain(host.Events.OfType<ResourceUndone>(), e => e.How == UndoOutcome.Detached);
    }

    [Fact]
    public void Run_SymlinkPlanted_RefusesThatOneReportsItAndUndoesTheRest()
    {
        var host = Running(r => r is Unmount { Target: var t } && t.EndsWith("/rootfs", StringComparison.Ordinal)
            ? new UnmountDone(t, UnmountOutcome.RefusedSymlink)
            : ScriptedStepHost.Healthy(r));

        var errors = Steps.Teardown(host, "destroy", Policy);

        var error = Assert.Single(errors);
        Assert.Contains("possible malicious guest", error, StringComparison.Ordinal);
        Assert.Equal(ResourceStatus.Refused, host.State.Find("rootfs")!.Status);
        Assert.Equal(ResourceStatus.Undone, host.State.Find("mount:/data")!.Status);
        Assert.DoesNotContain(host.Calls.OfType<RemoveMountPoint>(), r => r.Target.EndsWith("/rootfs", StringComparison.Ordinal));
        Assert.Contains(host.Calls.OfType<RemoveMountPoint>(), r => r.Target == host.Layout.ContainerDir("c1"));
    }

    [Fact]
    public void Run_OneFailure_DoesNotStopTheOthersAndEveryErrorIsReturned()
    {
        var host = Running(r => r switch
        {
            DetachLoop d => ScriptedStepHost.Failure("ioctl(LOOP_CLR_FD)", "ENXIO", d.Device),
            RemoveMountPoint m when m.Target.EndsWith("-data", StringComparison.Ordinal) => ScriptedStepHost.Failure("rmdir", "ENOTEMPTY", m.Target),
            _ => ScriptedStepHost.Healthy(r),
        });

        var errors = Steps.Teardown(host, "destroy", Policy);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("ENXIO", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ENOTEMPTY", StringComparison.Ordinal));
        Assert.Equal(ResourceStatus.Undone, host.State.Find("rootfs")!.Status);
        Assert.Equal(["volume:/v", "mount:/data"], host.State.ToUndo.Select(r => r.Key));
    }

    [Fact]
    public void Run_JournalSaysMountedKernelSaysGone_SucceedsAndRecordsAlreadyGone()
    {
        var host = Running(r => r switch
        {
            Unmount u => new UnmountDone(u.Target, UnmountOutcome.NotMounted),
            RemoveMountPoint m => new MountPointRemoved(m.Target, RemoveOutcome.AlreadyGone),
            DetachLoop d => new LoopDetached(d.Device, false),
            _ => ScriptedStepHost.Healthy(r),
        });

        var errors = Steps.Teardown(host, "destroy", Policy);

        Assert.Empty(errors);
        Assert.All(host.Events.OfType<ResourceUndone>(), e => Assert.Equal(UndoOutcome.AlreadyGone, e.How));
        Assert.Equal(4, host.Events.OfType<ResourceUndone>().Count());
    }
}
