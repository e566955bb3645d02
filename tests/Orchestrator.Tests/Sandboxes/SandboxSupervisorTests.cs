using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Akka.TestKit;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

/// <summary>
/// Drives one <see cref="SandboxSupervisor"/> (and the containers it spawns) message by message
/// against a probe standing in for the native actor, under a parent that reports <see cref="SandboxGone"/>.
/// </summary>
public sealed partial class SandboxSupervisorTests : TreeTestKit
{
    private const string PersistenceId = "sandbox-s1-1";

    private static readonly SandboxTreeSettings Settings = new() { RunDir = "/run/o" };

    private static readonly SandboxLayout Layout = Settings.Layout("s1");

    private static readonly string[] LayoutKeys = ["root", "root-bind", "mounts", "shared", "private", "mounts-bind", "shared-bind"];

    private static readonly ContainerSpec Spec = new(
        "c1",
        new RootfsSpec(RootfsKind.Bind, "/images/c1"),
        [new MountSpec("/data", "/data")],
        [new VolumeSpec("/images/vol.img", "/vol", "ext4")]);

    private readonly NativeProbe _native;
    private readonly TestProbe _parent;

    public SandboxSupervisorTests()
    {
        _native = new NativeProbe(CreateTestProbe("native"));
        _parent = CreateTestProbe("parent");
    }

    private static IEnumerable<string> LayoutCreated => ["SandboxCreateRequested", .. LayoutKeys.Select(k => "Started " + k), .. LayoutKeys.Select(k => "Created " + k), "SandboxReady"];

    [Fact]
    public void CreateSandbox_Healthy_LaysOutRootMountsSharedPrivateWithEveryIntentBeforeTheFirstCall()
    {
        var sandbox = Spawn();

        sandbox.Tell(new CreateSandbox("s1"));
        var journaled = new List<IReadOnlyList<string>>();
        for (var i = 0; i < LayoutKeys.Length; i++)
        {
            var request = _native.AnswerUntil(_ => true);
            journaled.Add(JournalEvents.Describe(this, PersistenceId));
            _native.Reply(ScriptedStepHost.Healthy(request));
        }

        var info = ExpectMsg<SandboxInfo>();

        Assert.All(journaled, j => Assert.Equal(LayoutCreated.Take(1 + LayoutKeys.Length), j));
        Assert.Equal(SandboxLifecycle.Ready, info.Lifecycle);
        Assert.Equal(LayoutCreated, JournalEvents.Describe(this, PersistenceId));
        var shared = Assert.IsType<BindMount>(_native.Requests[^1]);
        Assert.Equal((Layout.Mounts, Layout.Shared, true, "slave"), (shared.Source, shared.Target, shared.ReadOnly, shared.Propagation));
        Assert.Equal("shared", Assert.IsType<BindMount>(_native.Requests[^2]).Propagation);
    }

    [Theory]
    [InlineData("root", "mkdirat", "EACCES")]
    [InlineData("root-bind", "mount", "EPERM")]
    [InlineData("private", "mkdirat", "ENOSPC")]
    [InlineData("shared-bind", "mount", "EINVAL")]
    public void CreateSandbox_StepFails_RollsBackInReverseAnswersSyscallAndErrnoAndIsGone(string failingKey, string syscall, string errno)
    {
        var sandbox = Spawn();
        var failingAt = Array.IndexOf(LayoutKeys, failingKey);
        var calls = 0;

        sandbox.Tell(new CreateSandbox("s1"));
        _native.ServeUntilReplied(this, r => r is EnsureDirectory or BindMount && calls++ == failingAt
            ? ScriptedStepHost.Failure(syscall, errno, "/run/o")
            : null);
        var failure = ExpectMsg<Status.Failure>();

        var error = Assert.IsType<NativeCallFailedException>(failure.Cause);
        Assert.Equal((syscall, errno), (error.Error.Syscall, error.Error.Errno));
        var events = JournalEvents.Describe(this, PersistenceId);
        var undoStarted = events.Where(e => e.StartsWith("UndoStarted ", StringComparison.Ordinal)).Select(e => e["UndoStarted ".Length..]);
        // A directory that could not be made is left alone: whatever stands there is not ours.
        Assert.Equal(LayoutKeys.Take(failingAt + 1).Reverse().Where(k => k != failingKey || k.EndsWith("-bind", StringComparison.Ordinal)), undoStarted);
        Assert.Equal(
            [.. LayoutKeys.Take(failingAt).Select(k => "Created " + k), $"Failed {failingKey} {errno}", .. LayoutKeys.Skip(failingAt + 1).Select(k => "Withdrawn " + k)],
            events.Skip(1 + LayoutKeys.Length).Take(LayoutKeys.Length));
        var state = JournalEvents.SandboxState(this, PersistenceId);
        Assert.Equal(SandboxLifecycle.Failed, state.Lifecycle);
        Assert.Empty(state.Ledger.ToUndo);
        _parent.ExpectMsg<SandboxGone>(g => g.SandboxId == "s1");
    }

    [Fact]
    public void CreateSandbox_SecondTime_Conflict()
    {
        var sandbox = CreateReady();

        sandbox.Tell(new CreateSandbox("s1"));

        Assert.IsType<ConflictException>(ExpectMsg<Status.Failure>().Cause);
        _native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void DestroySandbox_WithAContainer_ContainerTornDownFirstThenTheLayoutInReverse()
    {
        var sandbox = CreateReady();
        sandbox.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();

        sandbox.Tell(new DestroySandbox("s1"));
        var calls = _native.ServeUntilReplied(this);
        var report = ExpectMsg<TeardownReport>();

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.IsType<DetachLoop>(calls[0]);
        var lastContainerCall = calls.ToList().FindLastIndex(c => c is RemoveMountPoint r && r.Target == Layout.ContainerDir("c1"));
        Assert.True(lastContainerCall >= 0);
        Assert.DoesNotContain(calls.Take(lastContainerCall), c => c is Unmount u && u.Target == Layout.Shared);
        Assert.Equal(
        [
            .. LayoutCreated, "ContainerAdded c1", "SandboxDestroyStarted", "ContainerRemoved c1",
            .. LayoutKeys.Reverse().Select(k => "UndoStarted " + k),
            .. LayoutKeys.Reverse().Select(k => $"Undone {k} Removed"),
            "SandboxDestroyed 0",
        ], JournalEvents.Describe(this, PersistenceId));
        var added = JournalEvents.Read(this, PersistenceId).OfType<ContainerAddedV2>().Single();
        Assert.Equal("TeardownCompleted 0", JournalEvents.Describe(this, added.PersistenceId)[^1]);
        _parent.ExpectMsg<SandboxGone>(g => g.SandboxId == "s1");
    }

    [Fact]
    public void DestroySandbox_JournalSaysMountedKernelSaysGone_SucceedsAndRecordsAlreadyGone()
    {
        var sandbox = CreateReady();

        sandbox.Tell(new DestroySandbox("s1"));
        _native.ServeUntilReplied(this, r => r switch
        {
            Unmount u => new UnmountDone(u.Target, UnmountOutcome.NotMounted),
            RemoveMountPoint m => new MountPointRemoved(m.Target, RemoveOutcome.AlreadyGone),
            _ => null,
        });
        var report = ExpectMsg<TeardownReport>();

        Assert.True(report.Clean);
        var undone = JournalEvents.Read(this, PersistenceId).OfType<ResourceUndone>().ToList();
        Assert.Equal(LayoutKeys.Reverse(), undone.Select(u => u.Key));
        Assert.All(undone, u => Assert.Equal(UndoOutcome.AlreadyGone, u.How));
        Assert.Equal(SandboxLifecycle.Destroyed, (JournalEvents.SandboxState(this, PersistenceId)).Lifecycle);
        _parent.ExpectMsg<SandboxGone>(g => g.SandboxId == "s1");
    }

    private IActorRef Spawn(SandboxTreeSettings? settings = null)
    {
        var props = SandboxSupervisor.Props("s1", 1, _native.Ref, settings ?? Settings, respawned: false);
        return ActorOf(Props.Create(() => new SandboxParent(props, _parent.Ref)));
    }

    private IActorRef CreateReady(BlockDriver driver = BlockDriver.VirtioBlk, SandboxTreeSettings? settings = null)
    {
        var sandbox = Spawn(settings);
        sandbox.Tell(new CreateSandbox("s1", BlockDriver: driver));
        _native.ServeUntilReplied(this);
        ExpectMsg<SandboxInfo>();
        return sandbox;
    }

    /// <summary>Stands in for the manager: spawns the supervisor, forwards commands to it and its <see cref="SandboxGone"/> to the observer.</summary>
    private sealed class SandboxParent : ReceiveActor
    {
        public SandboxParent(Props child, IActorRef observer)
        {
            var sandbox = Context.ActorOf(child, "s1-1");
            Receive<SandboxGone>(g => observer.Tell(g));

            // The hand-over of removed containers' histories is tested on its own; left unanswered
            // here, so it adds nothing to the journals these tests compare.
            Receive<RetireHistories>(_ => { });
            ReceiveAny(m => sandbox.Forward(m));
        }
    }
}
