using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Akka.TestKit;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

/// <summary>
/// Drives one <see cref="ContainerActor"/> message by message: a probe stands in for the native
/// actor and the test answers each request; the actor runs under a small parent that hands its
/// status reports to <see cref="_parent"/>.
/// </summary>
public sealed partial class ContainerActorTests : TreeTestKit
{
    private const string PersistenceId = "container-s1-c1-1";

    private static readonly SandboxTreeSettings DefaultSettings = new() { RunDir = "/run/o" };

    private static readonly SandboxLayout Layout = DefaultSettings.Layout("s1");

    private static readonly ContainerSpec Spec = new(
        "c1",
        new RootfsSpec(RootfsKind.Bind, "/images/c1"),
        [new MountSpec("/data", "/data"), new MountSpec("/config", "/etc/config", ReadOnly: true)],
        [new VolumeSpec("/images/vol.img", "/vol", "ext4")]);

    private static readonly string[] CreateEvents =
    [
        "CreateRequested", "Classified 0 Shared", "Classified 1 Shared",
        "Started dir", "Started rootfs", "Started mount:/data", "Started mount:/etc/config", "Started volume:/vol",
        "Created dir", "Created rootfs", "Created mount:/data", "Created mount:/etc/config", "Created volume:/vol",
        "ContainerCreated",
    ];

    private readonly NativeProbe _native;
    private readonly TestProbe _parent;

    public ContainerActorTests()
    {
        _native = new NativeProbe(CreateTestProbe("native"));
        _parent = CreateTestProbe("parent");
    }

    [Fact]
    public void AddContainer_Healthy_JournalsEveryIntentBeforeTheFirstCallAndEveryOutcomeAfterTheLast()
    {
        var container = Spawn();

        container.Tell(new AddContainer("s1", Spec));
        _native.Answer<InspectHostPaths>();
        var steps = new List<(INativeRequest Request, IReadOnlyList<string> Journaled)>();
        for (var i = 0; i < 5; i++)
        {
            var request = _native.AnswerUntil(_ => true);
            steps.Add((request, JournalEvents.Describe(this, PersistenceId)));
            _native.Reply(ScriptedStepHost.Healthy(request));
        }

        var created = ExpectMsg<ContainerCreatedReply>();

        // One write before the first call (request, classifications, every intent), none between calls.
        Assert.All(steps, s => Assert.Equal(CreateEvents[..8], s.Journaled));
        Assert.IsType<EnsureDirectory>(steps[0].Request);
        Assert.Equal(Layout.Rootfs("c1"), Assert.IsType<BindMount>(steps[1].Request).Target);
        Assert.NotNull(Assert.IsType<BindMount>(steps[3].Request).StagingDir);
        Assert.IsType<AttachLoop>(steps[4].Request);
        Assert.Equal(CreateEvents, JournalEvents.Describe(this, PersistenceId));
        Assert.Equal(ContainerLifecycle.Running, created.Plan.Lifecycle);
        Assert.Equal("/dev/vda", Assert.Single(created.Plan.BlockDevices).GuestAddress);
        _parent.ExpectMsg<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.New);
        _parent.ExpectMsg<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.Creating);
        _parent.ExpectMsg<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.Running);
    }

    [Fact]
    public void DestroyContainer_Running_UndoesInReverseEveryUndoIntentInOneWriteAndTellsTheParentItIsGone()
    {
        var container = CreateRunning();

        container.Tell(new DestroyContainer("s1", "c1"));
        var calls = _native.ServeUntilReplied(this);
        var report = ExpectMsg<TeardownReport>();

        Assert.True(report.Clean);
        Assert.Equal(
        [
            "DetachLoop /images/vol.img",
            "Unmount " + Layout.HostMount("c1", "/etc/config"), "RemoveMountPoint " + Layout.HostMount("c1", "/etc/config"),
            "Unmount " + Layout.HostMount("c1", "/data"), "RemoveMountPoint " + Layout.HostMount("c1", "/data"),
            "Unmount " + Layout.Rootfs("c1"), "RemoveMountPoint " + Layout.Rootfs("c1"),
            "RemoveMountPoint " + Layout.ContainerDir("c1"),
        ], calls.Select(Name));
        Assert.Equal(
        [
            .. CreateEvents,
            "TeardownStarted",
            "UndoStarted volume:/vol", "UndoStarted mount:/etc/config", "UndoStarted mount:/data", "UndoStarted rootfs", "UndoStarted dir",
            "Undone volume:/vol Removed", "Undone mount:/etc/config Removed", "Undone mount:/data Removed", "Undone rootfs Removed", "Undone dir Removed",
            "TeardownCompleted 0",
        ], JournalEvents.Describe(this, PersistenceId));
        _parent.FishForMessage<ContainerGone>(g => g.ContainerId == "c1");
    }

    [Fact]
    public void GetContainer_Running_AnswersThePlan()
    {
        var container = CreateRunning();

        container.Tell(new GetContainer("s1", "c1"));
        var info = ExpectMsg<ContainerInfo>();

        Assert.Equal(ContainerLifecycle.Running, info.Lifecycle);
        Assert.Equal(["/data", "/etc/config"], info.Plan!.SharedPaths.Select(p => p.ContainerPath));
        Assert.True(info.Plan.SharedPaths[1].ReadOnly);
    }

    private IActorRef Spawn(SandboxTreeSettings? settings = null, ContainerSpec? spec = null, IReadOnlyList<int>? blockIndexes = null, bool respawned = false)
    {
        var entry = new ContainerEntry("c1", 1, blockIndexes ?? Enumerable.Range(0, CreatePlan.BlockDevicesNeeded(spec ?? Spec)).ToList());
        var props = ContainerActor.Props("s1", entry, BlockDriver.VirtioBlk, _native.Ref, settings ?? DefaultSettings, respawned);
        return ActorOf(Props.Create(() => new ContainerParent(props, _parent.Ref)));
    }

    /// <summary>A container with <see cref="Spec"/> created against a healthy host; the parent's status reports are consumed.</summary>
    private IActorRef CreateRunning(SandboxTreeSettings? settings = null, ContainerSpec? spec = null)
    {
        var container = Spawn(settings, spec);
        container.Tell(new AddContainer("s1", spec ?? Spec));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();
        _parent.FishForMessage<ContainerStatus>(s => s.Lifecycle == ContainerLifecycle.Running);
        return container;
    }

    private static string Name(INativeRequest request) => request switch
    {
        EnsureDirectory e => "EnsureDirectory " + e.Path,
        BindMount b => "BindMount " + b.Target,
        Unmount u => (u.Detach ? "Detach " : "Unmount ") + u.Target,
        RemoveMountPoint r => "RemoveMountPoint " + r.Target,
        AttachLoop a => "AttachLoop " + a.Image,
        DetachLoop d => "DetachLoop " + d.Image,
        FindLoop f => "FindLoop " + f.Image,
        ReadMounts m => "ReadMounts " + m.Under,
        NydusMount n => "NydusMount " + n.MountPoint,
        NydusUnmount n => "NydusUnmount " + n.MountPoint,
        _ => request.GetType().Name,
    };

    /// <summary>Stands in for the sandbox supervisor: spawns the container, forwards commands to it and its reports to the observer.</summary>
    private sealed class ContainerParent : ReceiveActor
    {
        public ContainerParent(Props child, IActorRef observer)
        {
            var container = Context.ActorOf(child, "c1-1");
            Receive<ContainerStatus>(s => observer.Tell(s));
            Receive<ContainerGone>(g => observer.Tell(g));
            ReceiveAny(m => container.Forward(m));
        }
    }
}
