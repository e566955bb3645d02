using Orchestrator.Native.HostPaths;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Validation;

using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public class ContainerCreationTests
{
    private static readonly ContainerSpec Spec = new(
        "c1",
        new RootfsSpec(RootfsKind.Bind, "/images/c1"),
        [new MountSpec("/data", "/data"), new MountSpec("/config", "/etc/config", ReadOnly: true), new MountSpec("/proc", "/host-proc")],
        [new VolumeSpec("/images/vol.img", "/vol", "ext4")]);

    private static INativeReply WithSystemProc(INativeRequest r) => r is InspectHostPaths i
        ? new HostPathsInspected(((HostPathsInspected)ScriptedStepHost.Healthy(i)).Paths.Select(f => f.Source == "/proc" ? f with { Kind = HostPathKind.System } : f).ToList())
        : ScriptedStepHost.Healthy(r);

    [Fact]
    public void Run_Healthy_TwoWritesEveryIntentBeforeTheFirstCallEveryOutcomeAfterTheLast()
    {
        var host = new ScriptedStepHost(WithSystemProc);

        var outcome = Steps.Create(host, Spec, [0], TeardownRetryPolicy.Default);

        Assert.True(outcome.Succeeded);
        Assert.Equal(ContainerLifecycle.Running, host.State.Lifecycle);
        Assert.Equal(["dir", "rootfs", "mount:/data", "mount:/etc/config", "volume:/vol"], host.State.Resources.Select(r => r.Key));
        Assert.All(host.State.Resources, r => Assert.Equal(ResourceStatus.Active, r.Status));
        Assert.Equal(2, host.Writes.Count);
        var (intents, callsBeforeIntents) = host.Writes[0];
        var (outcomes, callsBeforeOutcomes) = host.Writes[1];
        Assert.Equal(1, callsBeforeIntents); // the inspection only
        Assert.Equal(host.Calls.Count, callsBeforeOutcomes);
        Assert.IsType<ContainerCreateRequested>(intents[0]);
        Assert.Equal(host.State.Resources.Select(r => r.Key), intents.OfType<ResourceStarted>().Select(e => e.Key));
        Assert.Equal(host.State.Resources.Select(r => r.Key), outcomes.OfType<ResourceCreated>().Select(e => e.Key));
        Assert.IsType<ContainerCreated>(outcomes[^1]);
    }

    [Fact]
    public void Run_ReadOnlyMount_BindsThroughPrivateStaging()
    {
        var host = new ScriptedStepHost(WithSystemProc);

        Steps.Create(host, Spec, [0], TeardownRetryPolicy.Default);

        var ro = host.Calls.OfType<BindMount>().Single(b => b.Source == "/config");
        Assert.True(ro.ReadOnly);
        Assert.StartsWith(host.Layout.Private + "/", ro.StagingDir, StringComparison.Ordinal);
        Assert.Null(host.Calls.OfType<BindMount>().Single(b => b.Source == "/data").StagingDir);
    }

    [Fact]
    public void Run_SystemMount_ClassifiedSkippedAndNeverBound()
    {
        var host = new ScriptedStepHost(WithSystemProc);

        Steps.Create(host, Spec, [0], TeardownRetryPolicy.Default);

        Assert.Equal(HostMountDisposition.Skipped, host.State.HostMounts[2].Disposition);
        Assert.DoesNotContain(host.Calls.OfType<BindMount>(), b => b.Source == "/proc");
    }

    [Fact]
    public void Run_MissingSource_RefusedBeforeAnythingIsJournaledOrMounted()
    {
        var host = new ScriptedStepHost(r => r is InspectHostPaths i
            ? new HostPathsInspected(((HostPathsInspected)ScriptedStepHost.Healthy(i)).Paths.Select(f => f.Source == "/data" ? f with { Problem = "does not exist" } : f).ToList())
            : ScriptedStepHost.Healthy(r));

        var e = Assert.Throws<SpecValidationException>(() => Steps.Create(host, Spec, [0], TeardownRetryPolicy.Default));

        Assert.Equal("mounts[0].source", Assert.Single(e.Problems).Field);
        Assert.Empty(host.Events);
        Assert.Single(host.Calls);
    }

    [Theory]
    [InlineData("/data", "mounts[0].source")]
    [InlineData("/images/c1", "rootfs.source")]
    public void Run_SourceResolvesToTheHostRoot_RefusedBeforeAnythingIsJournaledOrMounted(string source, string field)
    {
        var host = new ScriptedStepHost(r => r is InspectHostPaths i
            ? new HostPathsInspected(((HostPathsInspected)ScriptedStepHost.Healthy(i)).Paths.Select(f => f.Source == source ? f with { ResolvedPath = "/" } : f).ToList())
            : ScriptedStepHost.Healthy(r));

        var e = Assert.Throws<SpecValidationException>(() => Steps.Create(host, Spec, [0], TeardownRetryPolicy.Default));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains("host's root", problem.Message, StringComparison.Ordinal);
        Assert.Empty(host.Events);
    }

    [Fact]
    public void Run_StepFails_RollsBackWhatWasDoneInReverseAndEndsFailed()
    {
        var host = new ScriptedStepHost(r => r is BindMount { Source: "/config" } b
            ? ScriptedStepHost.Failure("mount", "EPERM", b.Target)
            : WithSystemProc(r));

        var outcome = Steps.Create(host, Spec, [0], TeardownRetryPolicy.Default);

        Assert.False(outcome.Succeeded);
        Assert.Contains("EPERM", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal(ContainerLifecycle.Failed, host.State.Lifecycle);
        Assert.DoesNotContain(host.Calls, c => c is AttachLoop);
        var undone = host.Calls.OfType<Unmount>().Select(u => u.Target).ToList();
        Assert.Equal([host.Layout.HostMount("c1", "/data"), host.Layout.Rootfs("c1")], undone);
        // The failed bind may have created its mount point: it is removed, never unmounted.
        var removed = host.Calls.OfType<RemoveMountPoint>().Select(r => r.Target).ToList();
        Assert.Equal([host.Layout.HostMount("c1", "/etc/config"), host.Layout.HostMount("c1", "/data"), host.Layout.Rootfs("c1"), host.Layout.ContainerDir("c1")], removed);
        Assert.Empty(host.State.ToUndo);
    }

    [Fact]
    public void Run_NydusRootfs_DirThenSnapshotBindThenRafsMount()
    {
        var spec = Spec with
        {
            Rootfs = new RootfsSpec(RootfsKind.Nydus, "/snap/image.boot", SnapshotDir: "/snap/1", DaemonConfig: "{}"),
            Mounts = [],
            Volumes = [],
        };
        var host = new ScriptedStepHost(ScriptedStepHost.Healthy);

        Steps.Create(host, spec, [], TeardownRetryPolicy.Default);

        Assert.Equal(["dir", "rootfs", "snapshotdir", "nydus"], host.State.Resources.Select(r => r.Key));
        var mount = Assert.Single(host.Calls.OfType<NydusMount>());
        Assert.Equal("/rafs/c1/lowerdir", mount.MountPoint);
        Assert.Equal("/run/nydusd/api.sock", mount.ApiSocket);
    }

    [Fact]
    public void Run_BlockDeviceRootfs_NoHostResourceButIndexKept()
    {
        var spec = Spec with { Rootfs = new RootfsSpec(RootfsKind.Block, "/dev/vdb"), Mounts = [], Volumes = [] };
        var host = new ScriptedStepHost(ScriptedStepHost.Healthy);

        Steps.Create(host, spec, [7], TeardownRetryPolicy.Default);

        Assert.Equal(["dir"], host.State.Resources.Select(r => r.Key));
        Assert.Equal([7], host.State.BlockIndexes);
    }

    [Theory]
    [InlineData(HostPathKind.System)]
    [InlineData(HostPathKind.HostDevice)]
    public void Run_BindRootfsResolvingToSystemPathOrDevice_RefusedBeforeAnything(HostPathKind kind)
    {
        var host = new ScriptedStepHost(r => r is InspectHostPaths i
            ? new HostPathsInspected(((HostPathsInspected)ScriptedStepHost.Healthy(i)).Paths.Select(f => f.Source == "/images/c1" ? f with { Kind = kind, ResolvedPath = "/proc/1" } : f).ToList())
            : ScriptedStepHost.Healthy(r));

        var e = Assert.Throws<SpecValidationException>(() => Steps.Create(host, Spec with { Mounts = [], Volumes = [] }, [], TeardownRetryPolicy.Default));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("rootfs.source", problem.Field);
        Assert.Contains("/proc/1", problem.Message, StringComparison.Ordinal);
        Assert.Empty(host.Events);
    }
}
