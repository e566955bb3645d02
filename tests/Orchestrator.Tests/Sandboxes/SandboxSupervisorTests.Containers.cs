using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Actors.Validation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

public sealed partial class SandboxSupervisorTests
{
    [Theory]
    [InlineData("relative source", "mounts[0].source")]
    [InlineData("empty source", "mounts[0].source")]
    [InlineData("destination escaping the root", "mounts[0].destination")]
    [InlineData("relative destination", "mounts[0].destination")]
    [InlineData("unknown propagation", "mounts[0].propagation")]
    [InlineData("unknown rootfs kind", "rootfs.type")]
    [InlineData("relative rootfs", "rootfs.source")]
    [InlineData("id with a slash", "id")]
    [InlineData("id with dots", "id")]
    [InlineData("relative volume device", "volumes[0].device")]
    public void AddContainer_BadInput_ClearErrorBeforeAnySyscallAndNothingJournaled(string problem, string field)
    {
        var spec = problem switch
        {
            "relative source" => Spec with { Mounts = [new MountSpec("data", "/data")] },
            "empty source" => Spec with { Mounts = [new MountSpec("", "/data")] },
            "destination escaping the root" => Spec with { Mounts = [new MountSpec("/data", "/data/../../etc")] },
            "relative destination" => Spec with { Mounts = [new MountSpec("/data", "../etc")] },
            "unknown propagation" => Spec with { Mounts = [new MountSpec("/data", "/data", Propagation: "sideways")] },
            "unknown rootfs kind" => Spec with { Rootfs = new RootfsSpec((RootfsKind)42, "/images/c1") },
            "relative rootfs" => Spec with { Rootfs = new RootfsSpec(RootfsKind.Bind, "images/c1") },
            "id with a slash" => Spec with { Id = "c1/../../x" },
            "id with dots" => Spec with { Id = ".." },
            _ => Spec with { Volumes = [new VolumeSpec("vol.img", "/vol", "ext4")] },
        };
        var sandbox = CreateReady();
        var written = JournalEvents.Read(this, PersistenceId).Count;

        sandbox.Tell(new AddContainer("s1", spec));
        var refused = Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);

        Assert.Contains(refused.Problems, p => p.Field == field);
        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, JournalEvents.Read(this, PersistenceId).Count);
    }

    [Fact]
    public void AddContainer_Admitted_TheContainerCreatesFromTheSandboxsInspectionWithoutASecondOne()
    {
        var sandbox = CreateReady();

        sandbox.Tell(new AddContainer("s1", Spec));
        var served = _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();

        Assert.Single(served.OfType<InspectHostPaths>());
        Assert.IsType<InspectHostPaths>(served[0]);
        Assert.Contains(served, r => r is BindMount);
    }

    [Fact]
    public void AddContainer_BlockIndexOutOfRange_RefusedAndNothingJournaled()
    {
        var sandbox = CreateReady(BlockDriver.VirtioScsi);
        var volumes = Enumerable.Range(0, 65537).Select(i => new VolumeSpec($"/images/v{i}.img", $"/v{i}", "ext4")).ToList();
        var written = JournalEvents.Read(this, PersistenceId).Count;

        sandbox.Tell(new AddContainer("s1", Spec with { Mounts = [], Volumes = volumes }));
        var refused = Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(10)).Cause);

        Assert.Contains(refused.Problems, p => p.Field == "volumes" && p.Message.Contains("65536", StringComparison.Ordinal));
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, JournalEvents.Read(this, PersistenceId).Count);
    }

    [Fact]
    public void AddContainer_SameIdTwice_SecondIsAConflictAndTheFirstIsUntouched()
    {
        var sandbox = CreateReady();
        sandbox.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();

        sandbox.Tell(new AddContainer("s1", Spec));

        Assert.IsType<ConflictException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Single(JournalEvents.Read(this, PersistenceId).OfType<ContainerAddedV2>());
        sandbox.Tell(new GetContainer("s1", "c1"));
        Assert.Equal(ContainerLifecycle.Running, ExpectMsg<ContainerInfo>().Lifecycle);
    }

    [Fact]
    public void AddContainer_SourceDoesNotExist_RefusedBeforeTheContainerIsJournaled()
    {
        var sandbox = CreateReady();
        var before = JournalEvents.Describe(this, PersistenceId);

        sandbox.Tell(new AddContainer("s1", Spec));
        _native.Answer<InspectHostPaths>(i => new HostPathsInspected(
            [.. ((HostPathsInspected)ScriptedStepHost.Healthy(i)).Paths.Select(p => p.Source == "/data" ? p with { Problem = "'/data' does not exist" } : p)]));
        var refused = Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);

        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        sandbox.Tell(new GetSandbox("s1"));
        Assert.Empty(ExpectMsg<SandboxInfo>().Containers);
        // Refused by the sandbox's own inspection: no admission, no removal, nothing journaled.
        Assert.Equal(before, JournalEvents.Describe(this, PersistenceId));
    }

    [Fact]
    public void AddContainer_StepFails_CallerGetsTheErrnoAndTheSandboxForgetsTheContainer()
    {
        var sandbox = CreateReady();

        sandbox.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this, r => r is AttachLoop a ? ScriptedStepHost.Failure("ioctl", "ENXIO", a.Image) : null);
        var failure = ExpectMsg<Status.Failure>();

        Assert.Equal("ENXIO", Assert.IsType<NativeCallFailedException>(failure.Cause).Error.Errno);
        sandbox.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this);
        Assert.Equal(ContainerLifecycle.Running, ExpectMsg<ContainerCreatedReply>().Plan.Lifecycle);
        Assert.Equal(2, JournalEvents.Read(this, PersistenceId).OfType<ContainerAddedV2>().Count());
    }

    [Fact]
    public void GetContainer_Unknown_NotFound()
    {
        var sandbox = CreateReady();

        sandbox.Tell(new GetContainer("s1", "nope"));

        Assert.IsType<NotFoundException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void Container_FailsMoreOftenThanTheRestartBudget_StoppedAndReportedFailedNotRestartedInALoop()
    {
        var settings = Settings with { NativeCallTimeout = TimeSpan.FromMilliseconds(200), MaxChildRestarts = 1 };
        var sandbox = CreateReady(settings: settings);

        sandbox.Tell(new AddContainer("s1", Spec));
        _native.Answer<InspectHostPaths>(); // the sandbox's, before it admits the container (the container creates from its answer)
        _native.Hold<EnsureDirectory>();
        Assert.IsType<TimeoutException>(ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(5)).Cause);
        // Restarted, it settles its intents (none of the calls after the first was made) and rolls
        // the create back; that call is never answered either.
        _native.Answer<ReadMounts>(_ => new MountsRead([]));
        _native.Answer<FindLoop>(f => new LoopFound(f.Image, null));
        Assert.IsType<RemoveMountPoint>(_native.AnswerUntil(_ => true));
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(600));

        AwaitAssert(() =>
        {
            sandbox.Tell(new GetSandbox("s1"));
            Assert.Equal(new ContainerSummary("c1", ContainerLifecycle.Failed), Assert.Single(ExpectMsg<SandboxInfo>().Containers));
        });
    }

    [Fact]
    public void DestroySandbox_ContainerNeverAnswers_ReportedAfterTheTeardownTimeoutWithTheLayoutKept()
    {
        var settings = Settings with { ContainerTeardownTimeout = TimeSpan.FromMilliseconds(300) };
        var sandbox = CreateReady(settings: settings);
        sandbox.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();

        sandbox.Tell(new DestroySandbox("s1"));
        Assert.IsType<DetachLoop>(_native.AnswerUntil(_ => true));
        var report = ExpectMsg<TeardownReport>(TimeSpan.FromSeconds(5));

        Assert.False(report.Clean);
        Assert.Contains(report.Errors, e => e.StartsWith("container c1: no teardown report within", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("layout of sandbox 's1' kept", StringComparison.Ordinal));
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }
}
