using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit;
using Orchestrator.Tests.Support;
using DeadLetter = Akka.Event.DeadLetter;

namespace Orchestrator.Tests.Sandboxes;

public sealed partial class SandboxSupervisorTests
{
    private static readonly TimeSpan ShortIdle = TimeSpan.FromMilliseconds(300);

    private static readonly ContainerSpec Plain = new("c2", new RootfsSpec(RootfsKind.Bind, "/images/c2"), [], []);

    [Fact]
    public void IdleContainer_AfterTheSetting_StoppedStillListedRunningNothingJournaledOneDebugLine()
    {
        var logs = new CapturingLoggerFactory();
        var sandbox = CreateReady(settings: Settings with { PassivateIdleContainersAfter = ShortIdle, LoggerFactory = logs });
        var container = AddRunning(sandbox, Spec).Container;
        var sandboxEvents = JournalEvents.Describe(this, PersistenceId);
        var containerEvents = JournalEvents.Describe(this, ContainerPersistenceId("c1"));

        Watch(container);
        ExpectTerminated(container, TimeSpan.FromSeconds(10));
        sandbox.Tell(new GetSandbox("s1"));

        Assert.Equal(new ContainerSummary("c1", ContainerLifecycle.Running), Assert.Single(ExpectMsg<SandboxInfo>().Containers));
        Assert.Equal(sandboxEvents, JournalEvents.Describe(this, PersistenceId));
        Assert.Equal(containerEvents, JournalEvents.Describe(this, ContainerPersistenceId("c1")));
        Assert.False(_native.Probe.HasMessages);
        var line = Assert.Single(logs.Entries, e => e.EventId.Id == 3015);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Equal(("s1", "c1"), (line.Property("SandboxId"), line.Property("ContainerId")));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void PassivatedContainer_GetContainer_WokenReconciledSamePlanNothingJournaledNotCountedAsRecovery()
    {
        var logs = new CapturingLoggerFactory();
        var sandbox = CreateReady(settings: Settings with { PassivateIdleContainersAfter = ShortIdle, LoggerFactory = logs });
        var (container, plan) = AddRunning(sandbox, Spec);
        var containerEvents = JournalEvents.Describe(this, ContainerPersistenceId("c1"));
        Watch(container);
        ExpectTerminated(container, TimeSpan.FromSeconds(10));

        sandbox.Tell(new GetContainer("s1", "c1"));
        var calls = _native.ServeUntilReplied(this, KernelAsJournaled());
        var info = ExpectMsg<ContainerInfo>();

        Assert.NotEqual(container, LastSender);
        Assert.Equal(ContainerLifecycle.Running, info.Lifecycle);
        Assert.Equal(JsonSerializer.Serialize(plan), JsonSerializer.Serialize(info.Plan));
        // Woken, it asked the kernel before it answered: its mounts and its loop device are still there.
        Assert.Equal(["ReadMounts", "FindLoop"], calls.Select(c => c.GetType().Name));
        Assert.Equal(containerEvents, JournalEvents.Describe(this, ContainerPersistenceId("c1")));
        var woken = Assert.Single(logs.Entries, e => e.EventId.Id == 3016);
        Assert.Equal((LogLevel.Debug, "s1", "c1"), (woken.Level, woken.Property("SandboxId"), woken.Property("ContainerId")));

        // The sandbox was created, not respawned: nothing about recovery goes to its parent.
        _parent.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void PassivationInFlight_CommandsArrivingMeanwhile_RunningStepFinishesThenTheHeldOneIsAnsweredByTheWokenContainer()
    {
        var sandbox = CreateReady(settings: Settings with { PassivateIdleContainersAfter = TimeSpan.Zero });
        var container = AddRunning(sandbox, Spec).Container;
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        Watch(container);

        // The race passivation must survive: a command reaches the container just as it asks to be
        // stopped. Its step is still running when the request is handled, and a read comes after.
        sandbox.Tell(new AddPath("s1", "c1", "/srv/hot", "/hot", ReadOnly: true));
        var inspect = _native.Hold<InspectHostPaths>();
        sandbox.Tell(new Passivate("c1"), container);
        sandbox.Tell(new GetContainer("s1", "c1"));

        // Held by the supervisor: the busy container would have answered the read at once.
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        _native.Reply(ScriptedStepHost.Healthy(inspect));
        _native.ServeUntilReplied(this, KernelAsJournaled());
        var added = ExpectMsg<PathAddedReply>();
        ExpectTerminated(container);
        _native.ServeUntilReplied(this, KernelAsJournaled());
        var info = ExpectMsg<ContainerInfo>();

        Assert.NotEqual(container, LastSender);
        Assert.Equal(ContainerLifecycle.Running, info.Lifecycle);
        Assert.Contains(info.Plan!.SharedPaths, p => p.HotAdded && p.SharedPath == added.Path.SharedPath);
        Assert.DoesNotContain(
            deadLetters.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m),
            m => m is DeadLetter { Message: IContainerCommand or ContainerInfo or PathAddedReply });
    }

    [Fact]
    public void RunningStep_LongerThanTheSetting_NotPassivatedUntilItEndsAndTheContainerIsIdleAgain()
    {
        var sandbox = CreateReady(settings: Settings with { PassivateIdleContainersAfter = ShortIdle });
        var container = AddRunning(sandbox, Spec).Container;
        Watch(container);

        sandbox.Tell(new AddPath("s1", "c1", "/srv/hot", "/hot", ReadOnly: true));
        var inspect = _native.Hold<InspectHostPaths>();
        ExpectNoMsg(ShortIdle * 4);
        _native.Reply(ScriptedStepHost.Healthy(inspect));
        _native.ServeUntilReplied(this);

        ExpectMsg<PathAddedReply>();
        ExpectTerminated(container, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void IdleContainer_SettingOff_NeverPassivated(int seconds)
    {
        var sandbox = CreateReady(settings: Settings with { PassivateIdleContainersAfter = TimeSpan.FromSeconds(seconds) });
        var container = AddRunning(sandbox, Spec).Container;

        Watch(container);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
        sandbox.Tell(new GetContainer("s1", "c1"));
        Assert.Equal(ContainerLifecycle.Running, ExpectMsg<ContainerInfo>().Lifecycle);
        Assert.Equal(container, LastSender);
        Assert.False(_native.Probe.HasMessages);
    }

    [Fact]
    public void DestroySandbox_ContainersPassivated_EachWokenAndTornDownThenTheLayout()
    {
        var sandbox = CreateReady(settings: Settings with { PassivateIdleContainersAfter = ShortIdle });
        var first = AddRunning(sandbox, Spec).Container;
        var second = AddRunning(sandbox, Plain).Container;
        var firstId = ContainerPersistenceId("c1");
        var secondId = ContainerPersistenceId("c2");
        Watch(first);
        Watch(second);
        var stopped = ReceiveN(2, TimeSpan.FromSeconds(10)).Cast<Terminated>().Select(t => t.ActorRef);
        Assert.Equal(new HashSet<IActorRef> { first, second }, stopped.ToHashSet());

        sandbox.Tell(new DestroySandbox("s1"));
        var calls = _native.ServeUntilReplied(this, KernelAsJournaled());
        var report = ExpectMsg<TeardownReport>();

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.Equal("TeardownCompleted 0", JournalEvents.Describe(this, firstId)[^1]);
        Assert.Equal("TeardownCompleted 0", JournalEvents.Describe(this, secondId)[^1]);
        Assert.Contains(calls, c => c is DetachLoop);
        Assert.Equal("SandboxDestroyed 0", JournalEvents.Describe(this, PersistenceId)[^1]);
        Assert.Empty(JournalEvents.SandboxState(this, PersistenceId).Containers);
        _parent.ExpectMsg<SandboxGone>(g => g.SandboxId == "s1");
    }

    /// <summary>Adds <paramref name="spec"/> against a healthy host; returns the container's actor (the one that answered) and its plan.</summary>
    private (IActorRef Container, ContainerPlan Plan) AddRunning(IActorRef sandbox, ContainerSpec spec)
    {
        sandbox.Tell(new AddContainer("s1", spec));
        _native.ServeUntilReplied(this);
        var plan = ExpectMsg<ContainerCreatedReply>().Plan;
        return (LastSender, plan);
    }

    private string ContainerPersistenceId(string containerId) =>
        JournalEvents.Read(this, PersistenceId).OfType<ContainerAddedV2>().Single(a => a.ContainerId == containerId).PersistenceId;

    /// <summary>
    /// Answers reconciliation as a kernel that still has everything the containers' journals say they
    /// hold at the moment it is asked; anything else as a healthy host.
    /// </summary>
    private Func<INativeRequest, INativeReply?> KernelAsJournaled() => request => request switch
    {
        ReadMounts => new MountsRead([.. JournalEvents.Read(this, PersistenceId).OfType<ContainerAddedV2>()
            .SelectMany(a => JournalEvents.ContainerState(this, a.PersistenceId).Resources)
            .Where(r => r.Kind == ResourceKind.Bind && r.MayExist)
            .Select(r => r.Target)]),
        FindLoop f => new LoopFound(f.Image, "/dev/loop9"),
        _ => null,
    };
}
