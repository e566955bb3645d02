using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Native;

using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

public class ContainerStateTests
{
    private static readonly ContainerSpec Spec = new("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], []);
    private static readonly NativeError Busy = new("umount2", "EBUSY", ["/m/c1/rootfs"], "umount2 target=/m/c1/rootfs: EBUSY");

    private static ContainerState Fold(params IContainerEvent[] events) =>
        events.Aggregate(ContainerState.Empty, (s, e) => s.Apply(e));

    private static ResourceStarted Bind(string key) =>
        new(key, ResourceKind.Bind, ResourceRole.Rootfs, $"/m/{key}", "/images/c1", ReadOnly: false);

    [Fact]
    public void Apply_CreateRequested_Creating()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, [3]));

        Assert.Equal(ContainerLifecycle.Creating, state.Lifecycle);
        Assert.Equal("s1", state.SandboxId);
        Assert.Equal([3], state.BlockIndexes);
    }

    [Fact]
    public void Apply_IntentWithoutOutcome_IsUnresolved()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, []), Bind("a"), new ResourceCreated("a"), Bind("b"));

        Assert.Equal(["b"], state.Unresolved.Select(r => r.Key));
        Assert.Equal(["b", "a"], state.ToUndo.Select(r => r.Key));
    }

    [Fact]
    public void Apply_ReconciledAbsentBind_OnlyItsMountPointLeftToRemove()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, []), Bind("a"), new ResourceReconciled("a", Exists: false));

        var a = state.Find("a")!;
        Assert.Equal(ResourceStatus.Failed, a.Status);
        Assert.False(a.MayExist);
        Assert.Equal(["a"], state.ToUndo.Select(r => r.Key));
    }

    [Fact]
    public void Apply_ReconciledAbsentLoop_NothingToUndo()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, [0]),
            new ResourceStarted("v", ResourceKind.Loop, ResourceRole.Volume, "/images/v.img", null, false, "/data", 0),
            new ResourceReconciled("v", Exists: false));

        Assert.Empty(state.ToUndo);
    }

    [Fact]
    public void Apply_UndoIntentWithoutOutcome_NotUnresolvedButStillToUndo()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, []), Bind("a"), new ResourceCreated("a"),
            new TeardownStarted("destroy"), new UndoStarted("a"));

        Assert.Empty(state.Unresolved);
        Assert.Equal(["a"], state.ToUndo.Select(r => r.Key));
    }

    [Fact]
    public void Apply_FailedCreateRolledBack_EndsFailedWithReason()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, []), Bind("a"), new ResourceCreated("a"), Bind("b"),
            new ResourceFailed("b", Busy), new ContainerCreateFailed("bind b failed"), new TeardownStarted("rollback"),
            new UndoStarted("b"), new ResourceUndone("b", UndoOutcome.AlreadyGone), new UndoStarted("a"), new ResourceUndone("a", UndoOutcome.Removed), new TeardownCompleted([]));

        Assert.Equal(ContainerLifecycle.Failed, state.Lifecycle);
        Assert.Equal("bind b failed", state.Reason);
        Assert.Empty(state.ToUndo);
    }

    [Fact]
    public void Apply_TeardownWithFailureAndRefusal_KeepsErrorsAndWhatMayRemain()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, []), Bind("a"), new ResourceCreated("a"), Bind("b"), new ResourceCreated("b"),
            new ContainerCreated(), new TeardownStarted("destroy"),
            new UndoStarted("b"), new UndoFailed("b", Busy), new UndoStarted("a"), new UndoRefused("a", "symlink"),
            new TeardownCompleted(["b: busy", "a: symlink"]));

        Assert.Equal(ContainerLifecycle.Destroyed, state.Lifecycle);
        // A refused undo left the mount in place: it stays to be undone, like the failed one.
        Assert.Equal(["b", "a"], state.ToUndo.Select(r => r.Key));
        Assert.Equal(ResourceStatus.Refused, state.Find("a")!.Status);
        Assert.Equal(["b: busy", "a: symlink"], state.TeardownErrors);
    }

    [Fact]
    public void Apply_LoopCreated_RecordsDevice()
    {
        var state = Fold(new ContainerCreateRequested("s1", Spec, [0]),
            new ResourceStarted("vol0", ResourceKind.Loop, ResourceRole.Volume, "/images/v.img", null, false, "/data", 0),
            new ResourceCreated("vol0", "/dev/loop7"));

        Assert.Equal("/dev/loop7", state.Find("vol0")!.Device);
        Assert.Equal(0, state.Find("vol0")!.BlockIndex);
    }

    [Fact]
    public void Apply_EventForUnknownResource_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Fold(new ResourceCreated("ghost")));
}
