using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Validation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public sealed partial class ContainerActorTests
{
    [Fact]
    public void AddPathThenRemovePath_Running_BoundAndUnboundWithIntentAndOutcomeJournaled()
    {
        var container = CreateRunning();
        var target = Layout.HostMount("c1", "hot:/hot");

        container.Tell(new AddPath("s1", "c1", "/srv/hot", "/hot", ReadOnly: true));
        _native.Answer<InspectHostPaths>();
        var bind = _native.Answer<BindMount>();
        var added = ExpectMsg<PathAddedReply>();
        container.Tell(new RemovePath("s1", "c1", "/hot"));
        var unmount = _native.Answer<Unmount>();
        var remove = _native.Answer<RemoveMountPoint>();
        var removed = ExpectMsg<TeardownReport>();
        container.Tell(new GetContainer("s1", "c1"));
        var info = ExpectMsg<ContainerInfo>();

        Assert.Equal(target, bind.Target);
        Assert.True(bind.ReadOnly);
        Assert.NotNull(bind.StagingDir);
        Assert.True(added.Path.HotAdded);
        Assert.Equal(Layout.SharedView(target), added.Path.SharedPath);
        Assert.Equal(target, unmount.Target);
        Assert.Equal(target, remove.Target);
        Assert.True(removed.Clean);
        Assert.DoesNotContain(info.Plan!.SharedPaths, p => p.HotAdded);
        Assert.Equal(
            [.. CreateEvents, "Started path:/hot", "Created path:/hot", "UndoStarted path:/hot", "Undone path:/hot Removed"],
            JournalEvents.Describe(this, PersistenceId));
    }

    [Fact]
    public void AddPath_BindFails_RolledBackAndAnswersTheErrno()
    {
        var container = CreateRunning();

        container.Tell(new AddPath("s1", "c1", "/srv/hot", "/hot", ReadOnly: false));
        _native.Answer<InspectHostPaths>();
        _native.Answer<BindMount>(b => ScriptedStepHost.Failure("mount", "EACCES", b.Target));
        _native.Answer<RemoveMountPoint>();
        var failure = ExpectMsg<Status.Failure>();

        Assert.Equal("EACCES", Assert.IsType<NativeCallFailedException>(failure.Cause).Error.Errno);
        var state = JournalEvents.ContainerState(this, PersistenceId);
        Assert.DoesNotContain(state.ToUndo, r => r.Key == "path:/hot");
        Assert.Equal(ContainerLifecycle.Running, state.Lifecycle);
    }

    [Theory]
    [InlineData("/hot")]
    [InlineData("/hot/")]
    [InlineData("/data")]
    [InlineData("/vol")]
    public void AddPath_SomethingAlreadyThere_ConflictAndNothingCalled(string containerPath)
    {
        var container = CreateRunning();
        container.Tell(new AddPath("s1", "c1", "/srv/hot", "/hot", ReadOnly: false));
        _native.ServeUntilReplied(this);
        ExpectMsg<PathAddedReply>();
        var written = (JournalEvents.Read(this, PersistenceId)).Count;

        container.Tell(new AddPath("s1", "c1", "/srv/other", containerPath, ReadOnly: false));

        Assert.IsType<ConflictException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, (JournalEvents.Read(this, PersistenceId)).Count);
    }

    [Theory]
    [InlineData("srv/hot", "/hot")]
    [InlineData("", "/hot")]
    [InlineData("/srv/hot", "hot")]
    [InlineData("/srv/hot", "/hot/../../etc")]
    [InlineData("/srv/hot", "")]
    public void AddPath_BadPath_RefusedWithNothingCalledOrJournaled(string hostPath, string containerPath)
    {
        var container = CreateRunning();
        var written = (JournalEvents.Read(this, PersistenceId)).Count;

        container.Tell(new AddPath("s1", "c1", hostPath, containerPath, ReadOnly: false));

        Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, (JournalEvents.Read(this, PersistenceId)).Count);
    }

    [Fact]
    public void AddPath_HostPathMissing_RefusedAfterInspection()
    {
        var container = CreateRunning();

        container.Tell(new AddPath("s1", "c1", "/srv/missing", "/hot", ReadOnly: false));
        _native.Answer<InspectHostPaths>(i => new HostPathsInspected(
            [new InspectedPath("/srv/missing", "/srv/missing", Orchestrator.Native.HostPaths.HostPathKind.Plain, false, false, false, "'/srv/missing' does not exist")]));

        Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData("/proc", "/proc", Orchestrator.Native.HostPaths.HostPathKind.System)]
    [InlineData("/sys/fs/cgroup", "/sys/fs/cgroup", Orchestrator.Native.HostPaths.HostPathKind.System)]
    [InlineData("/tmp/evil/proc", "/proc", Orchestrator.Native.HostPaths.HostPathKind.System)]
    [InlineData("/dev", "/dev", Orchestrator.Native.HostPaths.HostPathKind.HostDevice)]
    [InlineData("/tmp/disk", "/dev/sda", Orchestrator.Native.HostPaths.HostPathKind.HostDevice)]
    [InlineData("/", "/", Orchestrator.Native.HostPaths.HostPathKind.Plain)]
    [InlineData("/tmp/root", "/", Orchestrator.Native.HostPaths.HostPathKind.Plain)]
    public void AddPath_HostPathIsASystemPathDeviceOrTheHostRoot_RefusedBeforeAnythingIsJournaledOrBound(string hostPath, string resolved, Orchestrator.Native.HostPaths.HostPathKind kind)
    {
        var container = CreateRunning();
        var written = JournalEvents.Read(this, PersistenceId).Count;

        container.Tell(new AddPath("s1", "c1", hostPath, "/hot", ReadOnly: false));
        _native.Answer<InspectHostPaths>(_ => new HostPathsInspected([new InspectedPath(hostPath, resolved, kind, IsDirectory: true, IsBlockDevice: false, Watchable: false, Problem: null)]));

        var refused = Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);
        Assert.Equal("hostPath", Assert.Single(refused.Problems).Field);
        Assert.Contains(resolved, refused.Message, StringComparison.Ordinal);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, JournalEvents.Read(this, PersistenceId).Count);
    }

    [Fact]
    public void RemovePath_NeverAdded_NotFound()
    {
        var container = CreateRunning();

        container.Tell(new RemovePath("s1", "c1", "/never"));

        Assert.IsType<NotFoundException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void GetContainerAndSecondAddPath_WhileAStepIsUnanswered_ReadAnsweredAtOnceSecondAddWaitsForTheFirst()
    {
        var container = CreateRunning();

        container.Tell(new AddPath("s1", "c1", "/srv/a", "/a", ReadOnly: false));
        _native.Answer<InspectHostPaths>();
        _native.Hold<BindMount>();
        container.Tell(new GetContainer("s1", "c1"));
        var during = ExpectMsg<ContainerInfo>();
        container.Tell(new AddPath("s1", "c1", "/srv/b", "/b", ReadOnly: false));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(1));
        _native.Reply(new BindMounted(Layout.HostMount("c1", "hot:/a")));

        Assert.DoesNotContain(during.Plan!.SharedPaths, p => p.ContainerPath == "/a");
        Assert.Equal("/a", ExpectMsg<PathAddedReply>().Path.ContainerPath);
        _native.Answer<InspectHostPaths>();
        Assert.Equal(Layout.HostMount("c1", "hot:/b"), _native.Answer<BindMount>().Target);
        Assert.Equal("/b", ExpectMsg<PathAddedReply>().Path.ContainerPath);
    }
}
