using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit;
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

    [Fact]
    public void AwaitRecovery_ContainerPassivatedAndWokenWhileAnotherStillReconciles_CountedOnce()
    {
        var logs = new CapturingLoggerFactory();
        var settings = Settings with { PassivateIdleContainersAfter = TimeSpan.FromMilliseconds(300), LoggerFactory = logs };
        Crash(StartWithContainers(settings, "c1", "c2"));
        IReadOnlyList<string> mounted = [Layout.Root, Layout.Mounts, Layout.Shared, Layout.Rootfs("c1"), Layout.Rootfs("c2")];

        var manager = StartManager(settings);
        manager.Tell(AwaitRecovery.Instance);
        var replies = new Dictionary<string, Action<INativeReply>>();
        _native.AnswerUntil(r => r is ReadMounts m && m.Under == Layout.Mounts, r => r is ReadMounts ? new MountsRead(mounted) : null);
        replies[ContainerOf(_native.Probe.LastSender)] = _native.ReplyLater();
        _native.Hold<ReadMounts>();
        replies[ContainerOf(_native.Probe.LastSender)] = _native.ReplyLater();
        replies["c1"](new MountsRead(mounted));
        AwaitCondition(() => logs.Entries.Any(e => e.EventId.Id == 3015 && Equals(e.Property("ContainerId"), "c1")), TimeSpan.FromSeconds(10));
        manager.Tell(new GetContainer("s1", "c1"));
        _native.Answer<ReadMounts>(_ => new MountsRead(mounted));

        // Answered while c2 still reconciles: recovery is not finished, and the wake-up is no part of it.
        Assert.Equal(ContainerLifecycle.Running, ExpectMsg<ContainerInfo>().Lifecycle);
        replies["c2"](new MountsRead(mounted));
        var finished = ExpectMsg<RecoveryFinished>();

        Assert.Equal((1, 2), (finished.Sandboxes, finished.Containers));
        Assert.Equal(["RecoveryStarted 1", "RecoveryFinished 1 2"], JournalEvents.Describe(this, SandboxManager.Name).TakeLast(2));
    }

    [Fact]
    public void CreateRolledBackAtRestart_PassivatedThenWoken_StillListedFailedNotForgotten()
    {
        var logs = new CapturingLoggerFactory();
        var settings = Settings with { PassivateIdleContainersAfter = TimeSpan.FromMilliseconds(300), LoggerFactory = logs };
        var manager = StartWithContainers(settings);
        manager.Tell(new AddContainer("s1", new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], [])));
        _native.AnswerUntil(r => r is BindMount);
        Crash(manager);

        manager = StartManager(settings);
        manager.Tell(AwaitRecovery.Instance);
        _native.ServeUntilReplied(this);
        var finished = ExpectMsg<RecoveryFinished>();
        Assert.Equal((1, 1), (finished.Sandboxes, finished.Containers));
        AwaitCondition(() => logs.Entries.Any(e => e.EventId.Id == 3015 && Equals(e.Property("ContainerId"), "c1")), TimeSpan.FromSeconds(10));
        manager.Tell(new GetSandbox("s1"));
        var passivated = Assert.Single(ExpectMsg<SandboxInfo>().Containers);
        manager.Tell(new GetContainer("s1", "c1"));
        var woken = ExpectMsg<ContainerInfo>();
        manager.Tell(new GetSandbox("s1"));

        Assert.Equal(new ContainerSummary("c1", ContainerLifecycle.Failed), passivated);
        Assert.Equal(ContainerLifecycle.Failed, woken.Lifecycle);
        Assert.Equal(new ContainerSummary("c1", ContainerLifecycle.Failed), Assert.Single(ExpectMsg<SandboxInfo>().Containers));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 3016 && Equals(e.Property("ContainerId"), "c1"));
    }

    private static string ContainerOf(IActorRef actor) => actor.Path.Name.Split('-')[0];

    private IActorRef StartManager(SandboxTreeSettings? settings = null)
    {
        // The watcher hears Terminated before the guardian has released the stopped manager's
        // name: a new manager under that name may have to wait for it.
        IActorRef? manager = null;
        AwaitAssert(() => manager = Sys.ActorOf(SandboxManager.Props(_native.Ref, settings ?? Settings), SandboxManager.Name));
        return manager!;
    }

    /// <summary>Creates s1 with a running bind-rootfs container for each of <paramref name="containerIds"/>.</summary>
    private IActorRef StartWithContainers(SandboxTreeSettings settings, params string[] containerIds)
    {
        var manager = StartManager(settings);
        manager.Tell(new CreateSandbox("s1"));
        _native.ServeUntilReplied(this);
        ExpectMsg<SandboxInfo>();
        foreach (var id in containerIds)
        {
            manager.Tell(new AddContainer("s1", new ContainerSpec(id, new RootfsSpec(RootfsKind.Bind, "/images/" + id), [], [])));
            _native.ServeUntilReplied(this);
            ExpectMsg<ContainerCreatedReply>();
        }

        return manager;
    }

    /// <summary>Creates s1 with a running c1, then stops the manager (and so the tree) as a crash would.</summary>
    private void RestartWithOneContainer() => Crash(StartWithOneContainer());

    private void Crash(IActorRef manager)
    {
        Watch(manager);
        manager.Tell(PoisonPill.Instance);
        ExpectTerminated(manager);
    }

    private IActorRef StartWithOneContainer() => StartWithContainers(Settings, "c1");
}
