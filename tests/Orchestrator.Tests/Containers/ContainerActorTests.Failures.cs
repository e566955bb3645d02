using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Akka.Actor;
using Orchestrator.Actors.Validation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public sealed partial class ContainerActorTests
{
    private static readonly string[] StepKeys = ["dir", "rootfs", "mount:/data", "mount:/etc/config", "volume:/vol"];

    [Theory]
    [InlineData("dir", "mkdirat", "EACCES")]
    [InlineData("rootfs", "mount", "ENOENT")]
    [InlineData("mount:/data", "mount", "EPERM")]
    [InlineData("mount:/etc/config", "mount", "EROFS")]
    [InlineData("volume:/vol", "ioctl", "ENXIO")]
    public void AddContainer_StepFails_RollsBackInReverseAndAnswersTheSyscallAndErrno(string failingKey, string syscall, string errno)
    {
        var container = Spawn();
        var failingTarget = Target(failingKey);

        container.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this, r => IsCreating(r, failingTarget) ? ScriptedStepHost.Failure(syscall, errno, failingTarget) : null);
        var failure = ExpectMsg<Status.Failure>();

        var error = Assert.IsType<NativeCallFailedException>(failure.Cause);
        Assert.Equal(syscall, error.Error.Syscall);
        Assert.Equal(errno, error.Error.Errno);
        Assert.Empty(error.RollbackErrors);
        var failedAt = Array.IndexOf(StepKeys, failingKey);
        var toUndo = StepKeys.Take(failedAt + 1).Reverse()
            // A failed loop attach or directory creation left nothing to undo; a failed bind may have left its mount point.
            .Where(k => k != failingKey || !(k.StartsWith("volume:", StringComparison.Ordinal) || k == "dir"))
            .ToList();
        IEnumerable<string> undone = [.. toUndo.Select(k => "UndoStarted " + k), .. toUndo.Select(k => $"Undone {k} {(k == failingKey ? UndoOutcome.AlreadyGone : UndoOutcome.Removed)}")];
        var events = JournalEvents.Describe(this, PersistenceId);
        // Every intent was one write; the steps after the failed one were never called, so their intents are withdrawn.
        Assert.Equal(
        [
            .. CreateEvents.Take(3 + StepKeys.Length), .. StepKeys.Take(failedAt).Select(k => "Created " + k), $"Failed {failingKey} {errno}",
            .. StepKeys.Skip(failedAt + 1).Select(k => "Withdrawn " + k), "CreateFailed", "TeardownStarted", .. undone, "TeardownCompleted 0",
        ],
            events);
        var state = JournalEvents.ContainerState(this, PersistenceId);
        Assert.Equal(ContainerLifecycle.Failed, state.Lifecycle);
        Assert.Empty(state.ToUndo);
        _parent.FishForMessage<ContainerGone>(g => g.ContainerId == "c1");
    }

    [Fact]
    public void AddContainer_NydusMountFails_UndoesSnapshotDirAndRootfsDirAndAnswersTheDaemonsError()
    {
        var settings = DefaultSettings with { NydusApiSocket = "/run/nydusd/api.sock" };
        var spec = NydusSpec;
        var container = Spawn(settings, spec);

        container.Tell(new AddContainer("s1", spec));
        var calls = _native.ServeUntilReplied(this, r => r is NydusMount
            ? new NativeFailed(new NativeError("nydusd mount", "MountFailure", ["/run/nydusd/api.sock"], "nydusd mount: MountFailure"))
            : null);
        var failure = ExpectMsg<Status.Failure>();

        Assert.Equal("MountFailure", Assert.IsType<NativeCallFailedException>(failure.Cause).Error.Errno);
        Assert.Equal(
        [
            "InspectHostPaths", "EnsureDirectory " + Layout.ContainerDir("c1"), "EnsureDirectory " + Layout.Rootfs("c1"),
            "BindMount " + Layout.SnapshotDir("c1"), "NydusMount /rafs/c1/lowerdir",
            "Unmount " + Layout.SnapshotDir("c1"), "RemoveMountPoint " + Layout.SnapshotDir("c1"),
            "RemoveMountPoint " + Layout.Rootfs("c1"), "RemoveMountPoint " + Layout.ContainerDir("c1"),
        ], calls.Select(Name));
        Assert.Empty((JournalEvents.ContainerState(this, PersistenceId)).ToUndo);
    }

    [Fact]
    public void AddContainer_SourceDoesNotExist_RefusedAfterInspectionWithNothingMountedOrJournaled()
    {
        var container = Spawn();

        container.Tell(new AddContainer("s1", Spec));
        _native.Answer<InspectHostPaths>(i => new HostPathsInspected(
            [.. ((HostPathsInspected)ScriptedStepHost.Healthy(i)).Paths.Select(p => p.Source == "/data" ? p with { Problem = "'/data' does not exist" } : p)]));
        var failure = ExpectMsg<Status.Failure>();

        var refused = Assert.IsType<SpecValidationException>(failure.Cause);
        Assert.Equal("mounts[0].source", Assert.Single(refused.Problems).Field);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Empty(JournalEvents.Read(this, PersistenceId));
        _parent.FishForMessage<ContainerGone>(g => g.ContainerId == "c1");
    }

    [Fact]
    public void AddContainer_SecondTimeForTheSameContainer_Conflict()
    {
        var container = CreateRunning();

        container.Tell(new AddContainer("s1", Spec));

        Assert.IsType<ConflictException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    private static ContainerSpec NydusSpec => new(
        "c1",
        new RootfsSpec(RootfsKind.Nydus, "/images/c1/bootstrap.img", SnapshotDir: "/snapshots/c1", DaemonConfig: """{"device":{}}"""),
        [],
        []);

    private static string Target(string key) => key switch
    {
        "dir" => Layout.ContainerDir("c1"),
        "rootfs" => Layout.Rootfs("c1"),
        "volume:/vol" => "/images/vol.img",
        _ => Layout.HostMount("c1", key["mount:".Length..]),
    };

    private static bool IsCreating(INativeRequest request, string target) => request switch
    {
        EnsureDirectory e => e.Path == target,
        BindMount b => b.Target == target,
        AttachLoop a => a.Image == target,
        _ => false,
    };
}
