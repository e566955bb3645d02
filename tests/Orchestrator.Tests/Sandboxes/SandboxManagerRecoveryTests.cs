using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

/// <summary>
/// The recovery-finished signal: <see cref="AwaitRecovery"/> is answered once every sandbox and
/// container respawned at start has recovered and reconciled (a supervisor that cannot recover
/// counts as done), with the counts, journaled, and at once afterwards.
/// </summary>
public sealed class SandboxManagerRecoveryTests : TreeTestKit
{
    private static readonly SandboxTreeSettings Settings = new() { RunDir = "/run/o", MaxChildRestarts = 1 };
    private static readonly SandboxLayout Layout = Settings.Layout("s1");

    private readonly NativeProbe _native;

    public SandboxManagerRecoveryTests()
    {
        _native = new NativeProbe(CreateTestProbe("native"));
    }

    [Fact]
    public void AwaitRecovery_NothingRegistered_AnsweredWithZeroAtOnceAndAgainLater()
    {
        var manager = StartManager();

        manager.Tell(AwaitRecovery.Instance);
        var first = ExpectMsg<RecoveryFinished>();
        manager.Tell(AwaitRecovery.Instance);

        Assert.Equal((0, 0), (first.Sandboxes, first.Containers));
        Assert.Equal(first, ExpectMsg<RecoveryFinished>());
        Assert.Equal(["RecoveryStarted 0", "RecoveryFinished 0 0"], JournalEvents.Describe(this, SandboxManager.Name));
    }

    [Fact]
    public void AwaitRecovery_RespawnedContainerStillReconciling_AnsweredOnlyOnceItReportedAndListedWithItsRealStatus()
    {
        RestartWithOneContainer();

        var manager = StartManager();
        manager.Tell(AwaitRecovery.Instance);
        _native.AnswerUntil(r => r is ReadMounts m && m.Under == Layout.Mounts, r => r is ReadMounts ? new MountsRead([Layout.Root, Layout.Mounts, Layout.Shared]) : null);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        _native.Reply(new MountsRead([Layout.Rootfs("c1")]));

        var finished = ExpectMsg<RecoveryFinished>();
        manager.Tell(new GetSandbox("s1"));

        Assert.Equal((1, 1), (finished.Sandboxes, finished.Containers));
        Assert.Equal(new ContainerSummary("c1", ContainerLifecycle.Running), Assert.Single(ExpectMsg<SandboxInfo>().Containers));
        Assert.Equal(["RecoveryStarted 1", "RecoveryFinished 1 1"], JournalEvents.Describe(this, SandboxManager.Name).TakeLast(2));
    }

    [Fact]
    public void AwaitRecovery_DestroyInterruptedByACrash_ResumedFinishedAndItsContainerCounted()
    {
        var manager = StartWithOneContainer();
        manager.Tell(new DestroySandbox("s1"));
        _native.Hold<Unmount>();
        Crash(manager);

        manager = StartManager();
        manager.Tell(AwaitRecovery.Instance);
        _native.ServeUntilReplied(this);

        var finished = ExpectMsg<RecoveryFinished>();
        manager.Tell(ListSandboxes.Instance);

        Assert.Equal((1, 1), (finished.Sandboxes, finished.Containers));
        Assert.Empty(ExpectMsg<SandboxList>().Sandboxes);
    }

    [Fact]
    public void AwaitRecovery_SupervisorCannotReconcile_CountedDoneAndListedFailed()
    {
        RestartWithOneContainer();

        var manager = StartManager();
        manager.Tell(AwaitRecovery.Instance);
        _native.ServeUntilReplied(this, r => r is ReadMounts m && m.Under == Layout.Root ? ScriptedStepHost.Failure("open", "EACCES", "/proc/thread-self/mountinfo") : null);

        var finished = ExpectMsg<RecoveryFinished>();
        manager.Tell(ListSandboxes.Instance);

        Assert.Equal((1, 0), (finished.Sandboxes, finished.Containers));
        Assert.Equal(SandboxLifecycle.Failed, Assert.Single(ExpectMsg<SandboxList>().Sandboxes).Lifecycle);
    }

    private IActorRef StartManager() => Sys.ActorOf(SandboxManager.Props(_native.Ref, Settings), SandboxManager.Name);

    /// <summary>Creates s1 with a running c1, then stops the manager (and so the tree) as a crash would.</summary>
    private void RestartWithOneContainer() => Crash(StartWithOneContainer());

    private void Crash(IActorRef manager)
    {
        Watch(manager);
        manager.Tell(PoisonPill.Instance);
        ExpectTerminated(manager);
    }

    private IActorRef StartWithOneContainer()
    {
        var manager = StartManager();
        manager.Tell(new CreateSandbox("s1"));
        _native.ServeUntilReplied(this);
        ExpectMsg<SandboxInfo>();
        manager.Tell(new AddContainer("s1", new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], [])));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();
        return manager;
    }
}
