using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Native;

using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public class ContainerRecoveryTests
{
    private static readonly ContainerSpec Spec = new("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [new MountSpec("/data", "/data")], [new VolumeSpec("/images/v.img", "/v", "ext4")]);
    private static readonly TeardownRetryPolicy Policy = TeardownRetryPolicy.Default;

    /// <summary>Replays a create that stopped right after the intent of <paramref name="stopAtKey"/>.</summary>
    private static ContainerState CrashedDuringCreate(string stopAtKey)
    {
        var host = new ScriptedStepHost(ScriptedStepHost.Healthy);
        var events = new List<IContainerEvent>();
        Steps.Create(host, Spec, [0], Policy);
        foreach (var e in host.Events)
        {
            events.Add(e);
            if (e is ResourceStarted s && s.Key == stopAtKey)
            {
                break;
            }
        }

        return events.Aggregate(ContainerState.Empty, (s, e) => s.Apply(e));
    }

    [Fact]
    public void Run_CreateInterruptedAfterBindIntentThatHappened_ReconcilesMountedThenRollsBack()
    {
        var state = CrashedDuringCreate("mount:/data");
        var layout = new ScriptedStepHost(ScriptedStepHost.Healthy).Layout;
        var mounted = new[] { layout.Rootfs("c1"), layout.HostMount("c1", "/data") };
        var host = new ScriptedStepHost(r => r is ReadMounts ? new MountsRead(mounted) : ScriptedStepHost.Healthy(r), state);

        Steps.Recover(host, Policy);

        Assert.IsType<ReadMounts>(host.Calls[0]);
        Assert.Contains(new ResourceReconciled("mount:/data", true), host.Events);
        Assert.Equal(ContainerLifecycle.Failed, host.State.Lifecycle);
        Assert.Equal("create interrupted by a restart", host.State.Reason);
        Assert.Equal([layout.HostMount("c1", "/data"), layout.Rootfs("c1")], host.Calls.OfType<Unmount>().Select(u => u.Target));
        Assert.Empty(host.State.ToUndo);
    }

    [Fact]
    public void Run_CreateInterruptedAfterBindIntentThatDidNotHappen_OnlyRemovesItsMountPoint()
    {
        var state = CrashedDuringCreate("mount:/data");
        var layout = new ScriptedStepHost(ScriptedStepHost.Healthy).Layout;
        var host = new ScriptedStepHost(r => r is ReadMounts ? new MountsRead([layout.Rootfs("c1")]) : ScriptedStepHost.Healthy(r), state);

        Steps.Recover(host, Policy);

        Assert.Contains(new ResourceReconciled("mount:/data", false), host.Events);
        Assert.DoesNotContain(host.Calls.OfType<Unmount>(), u => u.Target == layout.HostMount("c1", "/data"));
        Assert.Contains(host.Calls.OfType<RemoveMountPoint>(), r => r.Target == layout.HostMount("c1", "/data"));
    }

    [Fact]
    public void Run_LoopAttachIntentFoundAttached_AdoptsDeviceAndDetachesItOnRollback()
    {
        var state = CrashedDuringCreate("volume:/v");
        var host = new ScriptedStepHost(r => r switch
        {
            ReadMounts => new MountsRead([]),
            FindLoop f => new LoopFound(f.Image, "/dev/loop3"),
            _ => ScriptedStepHost.Healthy(r),
        }, state);

        Steps.Recover(host, Policy);

        Assert.Contains(new ResourceReconciled("volume:/v", true, "/dev/loop3"), host.Events);
        Assert.Contains(new DetachLoop("/images/v.img", "/dev/loop3"), host.Calls);
    }

    [Fact]
    public void Run_TeardownInterrupted_ResumesWithOriginalReason()
    {
        var host = new ScriptedStepHost(ScriptedStepHost.Healthy);
        Steps.Create(host, Spec, [0], Policy);
        var crashed = host.State.Apply(new TeardownStarted("sandbox destroyed")).Apply(new UndoStarted("volume:/v"));
        var layout = host.Layout;
        var mounted = new[] { layout.Rootfs("c1"), layout.HostMount("c1", "/data") };
        var restarted = new ScriptedStepHost(r => r switch
        {
            ReadMounts => new MountsRead(mounted),
            FindLoop f => new LoopFound(f.Image, "/dev/loop9"),
            _ => ScriptedStepHost.Healthy(r),
        }, crashed);

        Steps.Recover(restarted, Policy);

        Assert.Equal(ContainerLifecycle.Destroyed, restarted.State.Lifecycle);
        Assert.Equal("sandbox destroyed", restarted.Events.OfType<TeardownStarted>().Single().Reason);
        Assert.Equal(["volume:/v", "mount:/data", "rootfs", "dir"], restarted.Events.OfType<UndoStarted>().Select(e => e.Key));
    }

    [Fact]
    public void Run_RunningButKernelLostTheBinds_RecordsThemAndKeepsRunning()
    {
        var host = new ScriptedStepHost(ScriptedStepHost.Healthy);
        Steps.Create(host, Spec, [0], Policy);
        var afterReboot = new ScriptedStepHost(r => r switch
        {
            ReadMounts => new MountsRead([]),
            FindLoop f => new LoopFound(f.Image, null),
            _ => ScriptedStepHost.Healthy(r),
        }, host.State);

        Steps.Recover(afterReboot, Policy);

        Assert.Equal(ContainerLifecycle.Running, afterReboot.State.Lifecycle);
        Assert.Equal(["rootfs", "mount:/data", "volume:/v"], afterReboot.Events.OfType<ResourceReconciled>().Where(e => !e.Exists).Select(e => e.Key));
        Assert.DoesNotContain(afterReboot.Calls, c => c is Unmount or BindMount);
    }
}
