using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Events;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Api.Contracts;
using Orchestrator.Events;

namespace Orchestrator.Tests.Events;

/// <summary>Journaled events in their public form: type, position, time, ids and the values that matter.</summary>
public sealed class EventMappingTests
{
    private static readonly long Ticks = new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc).Ticks;
    private static readonly JournalOwner Sandbox = new("s1", null);
    private static readonly JournalOwner Container = new("s1", "c1");
    private readonly EventMapping _mapping = new(EventSerialization.DefaultRegistry);

    [Fact]
    public void Map_SandboxCreated_CarriesIdsTimeAndLayoutChoices()
    {
        var e = _mapping.Map(42, Ticks, Sandbox, new SandboxCreateRequested("s1", SharedFs.NineP, BlockDriver.VirtioScsi));

        Assert.Equal(new EventResponse(LifecycleEvents.SandboxCreated, 42, new DateTimeOffset(Ticks, TimeSpan.Zero), "s1",
            SharedFs: SharedFsKind.NineP, BlockDriver: BlockDriverKind.VirtioScsi), e);
    }

    [Fact]
    public void Map_ContainerEvents_NameSandboxAndContainer()
    {
        var spec = new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], []);

        var created = _mapping.Map(1, Ticks, Container, new ContainerCreateRequested("s1", spec, []))!;
        var failed = _mapping.Map(2, Ticks, Container, new ContainerCreateFailed("mount: EPERM"))!;
        var destroyed = _mapping.Map(3, Ticks, Container, new TeardownCompleted(["rootfs: EBUSY"]))!;

        Assert.Equal((LifecycleEvents.ContainerCreated, "s1", "c1"), (created.Type, created.SandboxId, created.ContainerId));
        Assert.Equal((LifecycleEvents.ContainerFailed, "mount: EPERM"), (failed.Type, failed.Reason));
        Assert.Equal(["rootfs: EBUSY"], destroyed.Errors!);
    }

    [Fact]
    public void Map_ContainerCreated_IdsFromTheEventWinOverAGuessFromThePersistenceId()
    {
        var spec = new ContainerSpec("c", new RootfsSpec(RootfsKind.Bind, "/images/c"), [], []);

        var e = _mapping.Map(1, Ticks, new JournalOwner("a", "b-c", Ambiguous: true), new ContainerCreateRequested("a-b", spec, []))!;

        Assert.Equal(("a-b", "c"), (e.SandboxId, e.ContainerId));
    }

    [Fact]
    public void Map_TeardownOutcomes_NameResourcePathAndError()
    {
        var error = new NativeError("umount2", "EIO", ["/run/s1/mounts/c1/rootfs"], "umount2 /run/s1/mounts/c1/rootfs: EIO");

        var failed = _mapping.Map(5, Ticks, Container, new UndoFailed("rootfs", error, "/run/s1/mounts/c1/rootfs"))!;
        var refused = _mapping.Map(6, Ticks, Container, new UndoRefused("mount:/data", "possible malicious guest", "/run/s1/mounts/c1-x-data"))!;
        var detached = _mapping.Map(7, Ticks, Sandbox, new ResourceUndone("shared-bind", UndoOutcome.Detached, 6, "/run/s1/shared"))!;

        Assert.Equal(("umount2", "EIO", error.Message), (failed.Error!.Syscall, failed.Error.Errno, failed.Error.Message));
        Assert.Equal(["/run/s1/mounts/c1/rootfs"], failed.Error.Paths);
        Assert.Equal((LifecycleEvents.TeardownError, "rootfs", "/run/s1/mounts/c1/rootfs", "c1"), (failed.Type, failed.Resource, failed.Target, failed.ContainerId));
        Assert.Equal((LifecycleEvents.TeardownRefused, "possible malicious guest", "/run/s1/mounts/c1-x-data"), (refused.Type, refused.Reason, refused.Target));
        Assert.Equal((LifecycleEvents.TeardownDetached, 6, (string?)null), (detached.Type, detached.Attempts, detached.ContainerId));
    }

    [Fact]
    public void Map_RecoveryEvents_WithTheirCountsAndNoSandbox()
    {
        var started = _mapping.Map(8, Ticks, new JournalOwner(null, null), new ServiceRecoveryStarted(3))!;
        var finished = _mapping.Map(9, Ticks, new JournalOwner(null, null), new ServiceRecoveryFinished(3, 7, 1234))!;

        Assert.Equal((LifecycleEvents.RecoveryStarted, 3, (int?)null, (string?)null), (started.Type, started.Sandboxes, started.Containers, started.SandboxId));
        Assert.Equal((3, 7, 1234L), (finished.Sandboxes, finished.Containers, finished.ElapsedMs));
    }

    [Theory]
    [InlineData(UndoOutcome.Removed)]
    [InlineData(UndoOutcome.AlreadyGone)]
    public void Map_RoutineEvents_AreNotExposed(UndoOutcome how)
    {
        Assert.Null(_mapping.Map(1, Ticks, Sandbox, new ResourceUndone("root", how)));
        Assert.Null(_mapping.Map(1, Ticks, Sandbox, new ResourceCreated("root")));
        Assert.Null(_mapping.Map(1, Ticks, new JournalOwner(null, null), new SandboxRegistered("s1", 1)));
    }

    [Theory]
    [InlineData("s1", "s1", true)]
    [InlineData("s2", "s1", false)]
    [InlineData(null, "s1", true)]
    [InlineData("s1", null, true)]
    [InlineData("s1x", "s1", false)]
    public void Matches_SandboxFilter_KeepsTheSandboxAndServiceEvents(string? eventSandbox, string? filter, bool expected)
    {
        var e = new EventResponse(LifecycleEvents.SandboxReady, 1, DateTimeOffset.UnixEpoch, eventSandbox);

        Assert.Equal(expected, EventMapping.Matches(e, filter));
    }
}
