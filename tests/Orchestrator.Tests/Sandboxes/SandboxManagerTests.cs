using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Actors.Validation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

/// <summary>Drives the <see cref="SandboxManager"/> and the tree below it against a probe standing in for the native actor.</summary>
public sealed class SandboxManagerTests : TreeTestKit
{
    private static readonly SandboxTreeSettings Settings = new() { RunDir = "/run/o" };

    /// <summary>What every start journals first (nothing to recover here): sequence numbers 1 and 2, so the first sandbox is incarnation 3.</summary>
    private static readonly string[] Started = ["RecoveryStarted 0", "RecoveryFinished 0 0"];

    private readonly NativeProbe _native;
    private readonly IActorRef _manager;

    public SandboxManagerTests()
    {
        _native = new NativeProbe(CreateTestProbe("native"));
        _manager = ActorOf(SandboxManager.Props(_native.Ref, Settings), SandboxManager.Name);
    }

    [Fact]
    public void CreateSandbox_Healthy_RegisteredThenLaidOutAndReady()
    {
        _manager.Tell(new CreateSandbox("s1"));
        var calls = _native.ServeUntilReplied(this);
        var info = ExpectMsg<SandboxInfo>();

        Assert.Equal(SandboxLifecycle.Ready, info.Lifecycle);
        Assert.Equal(Settings.Layout("s1").Shared, info.SharedDir);
        Assert.Equal(7, calls.Count);
        Assert.Equal([.. Started, "Registered s1"], JournalEvents.Describe(this, SandboxManager.Name));
        Assert.Equal("SandboxReady", JournalEvents.Describe(this, "sandbox-s1-3")[^1]);
    }

    [Fact]
    public async Task ListSandboxes_SupervisorStopped_ListedFailedWithTheReasonAndRecoveredByTheNextRequest()
    {
        CreateReady("s1");
        var supervisor = await Sys.ActorSelection(_manager.Path / "s1-3").ResolveOne(TimeSpan.FromSeconds(3));
        Watch(supervisor);

        supervisor.Tell(PoisonPill.Instance);
        ExpectTerminated(supervisor);

        AwaitAssert(() =>
        {
            _manager.Tell(ListSandboxes.Instance);
            var listed = Assert.Single(ExpectMsg<SandboxList>().Sandboxes);
            Assert.Equal(("s1", SandboxLifecycle.Failed), (listed.SandboxId, listed.Lifecycle));
            Assert.Contains("supervisor stopped", listed.Reason, StringComparison.Ordinal);
        });
        _manager.Tell(new GetSandbox("s1"));
        _native.ServeUntilReplied(this);
        Assert.Equal(SandboxLifecycle.Ready, ExpectMsg<SandboxInfo>().Lifecycle);
    }

    [Fact]
    public void CreateSandbox_SameIdTwice_ConflictAndNothingJournaled()
    {
        CreateReady("s1");

        _manager.Tell(new CreateSandbox("s1"));

        Assert.IsType<ConflictException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal([.. Started, "Registered s1"], JournalEvents.Describe(this, SandboxManager.Name));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData("")]
    [InlineData("-rf")]
    public void CreateSandbox_BadId_ClearErrorAndNothingJournaledOrCalled(string id)
    {
        _manager.Tell(new CreateSandbox(id));

        var refused = Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);
        Assert.Equal("id", Assert.Single(refused.Problems).Field);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
        Assert.Equal(Started, JournalEvents.Describe(this, SandboxManager.Name));
    }

    [Fact]
    public void CreateSandbox_UnknownBlockDriver_Refused()
    {
        _manager.Tell(new CreateSandbox("s1", BlockDriver: (BlockDriver)9));

        Assert.IsType<SpecValidationException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void GetSandbox_Unknown_NotFound()
    {
        _manager.Tell(new GetSandbox("nope"));

        var notFound = Assert.IsType<NotFoundException>(ExpectMsg<Status.Failure>().Cause);
        Assert.Equal("nope", notFound.Id);
    }

    [Fact]
    public void DestroySandbox_Ready_LayoutUndoneThenUnregisteredAndNoLongerListed()
    {
        CreateReady("s1");
        CreateReady("s2");

        _manager.Tell(new DestroySandbox("s1"));
        _native.ServeUntilReplied(this);
        var report = ExpectMsg<TeardownReport>();
        _manager.Tell(ListSandboxes.Instance);
        var list = ExpectMsg<SandboxList>();

        Assert.True(report.Clean);
        Assert.Equal(["s2"], list.Sandboxes.Select(s => s.SandboxId));
        Assert.Equal([.. Started, "Registered s1", "Registered s2", "Unregistered s1", "Retired sandbox-s1-3"], JournalEvents.Describe(this, SandboxManager.Name));
        _manager.Tell(new GetSandbox("s1"));
        Assert.IsType<NotFoundException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void CreateSandbox_LayoutFails_UnregisteredAndTheIdCanBeUsedAgain()
    {
        _manager.Tell(new CreateSandbox("s1"));
        _native.ServeUntilReplied(this, r => r is BindMount b && b.Propagation == "slave" ? ScriptedStepHost.Failure("mount", "EPERM", b.Target) : null);
        Assert.Equal("EPERM", Assert.IsType<NativeCallFailedException>(ExpectMsg<Status.Failure>().Cause).Error.Errno);

        // The supervisor says it is gone before it answers; the manager forgets it before it reads this.
        _manager.Tell(new CreateSandbox("s1"));
        _native.ServeUntilReplied(this);

        Assert.Equal(SandboxLifecycle.Ready, ExpectMsg<SandboxInfo>().Lifecycle);
        Assert.Equal([.. Started, "Registered s1", "Unregistered s1", "Retired sandbox-s1-3", "Registered s1"], JournalEvents.Describe(this, SandboxManager.Name));
    }

    [Fact]
    public void AddContainer_RoutedBySandboxId_CreatedAndListed()
    {
        CreateReady("s1");

        _manager.Tell(new AddContainer("s1", new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], [])));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();
        _manager.Tell(new GetSandbox("s1"));

        Assert.Equal(new ContainerSummary("c1", ContainerLifecycle.Running), Assert.Single(ExpectMsg<SandboxInfo>().Containers));
        _manager.Tell(new AddContainer("nope", new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], [])));
        Assert.IsType<NotFoundException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void AddContainer_SandboxIdReusedAfterDelete_TheContainerIdCanBeUsedAgain()
    {
        var spec = new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], []);
        CreateReady("s1");
        _manager.Tell(new AddContainer("s1", spec));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();
        _manager.Tell(new DestroySandbox("s1"));
        _native.ServeUntilReplied(this);
        Assert.True(ExpectMsg<TeardownReport>().Clean);

        CreateReady("s1");
        _manager.Tell(new AddContainer("s1", spec));
        _native.ServeUntilReplied(this);

        Assert.Equal(ContainerLifecycle.Running, ExpectMsg<ContainerCreatedReply>().Plan.Lifecycle);
    }

    private void CreateReady(string sandboxId)
    {
        _manager.Tell(new CreateSandbox(sandboxId));
        _native.ServeUntilReplied(this);
        ExpectMsg<SandboxInfo>();
    }
}
