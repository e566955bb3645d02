using System.Reflection;
using Akka.Persistence.Journal;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Events;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Events;

/// <summary>Which journaled events are lifecycle events, and how the write side tags them.</summary>
public sealed class LifecycleEventsTests
{
    public static TheoryData<object, string?> Classified { get; } = new()
    {
        { new SandboxCreateRequested("s1", SharedFs.VirtioFs, BlockDriver.VirtioBlk), LifecycleEvents.SandboxCreated },
        { new SandboxReady(), LifecycleEvents.SandboxReady },
        { new SandboxCreateFailed("boom"), LifecycleEvents.SandboxFailed },
        { new SandboxDestroyStarted("destroy requested"), LifecycleEvents.SandboxDestroying },
        { new SandboxDestroyed([]), LifecycleEvents.SandboxDestroyed },
        { new ContainerCreated(), LifecycleEvents.ContainerRunning },
        { new ContainerCreateFailed("boom"), LifecycleEvents.ContainerFailed },
        { new TeardownStarted("destroy requested"), LifecycleEvents.ContainerDestroying },
        { new TeardownCompleted(["x"]), LifecycleEvents.ContainerDestroyed },
        { new UndoFailed("rootfs", new NativeError("umount2", "EIO", ["/x"], "umount2 /x: EIO")), LifecycleEvents.TeardownError },
        { new UndoRefused("rootfs", "symlink"), LifecycleEvents.TeardownRefused },
        { new ResourceUndone("rootfs", UndoOutcome.Detached, 6), LifecycleEvents.TeardownDetached },
        { new ResourceUndone("rootfs", UndoOutcome.Removed), null },
        { new ResourceUndone("rootfs", UndoOutcome.AlreadyGone), null },
        { new ResourceStarted("rootfs", ResourceKind.Bind, ResourceRole.Rootfs, "/t", "/s", false), null },
        { new ResourceCreated("rootfs"), null },
        { new UndoStarted("rootfs"), null },
        { new ContainerRemoved("c1"), null },
        { new SandboxRegistered("s1", 1), null },
        { new SandboxUnregistered("s1"), null },
        { new ServiceRecoveryStarted(2), LifecycleEvents.RecoveryStarted },
        { new ServiceRecoveryFinished(2, 5, 120), LifecycleEvents.RecoveryFinished },
    };

    [Theory]
    [MemberData(nameof(Classified))]
    public void TypeOf_StoredEvent_GivesItsPublicTypeOrNone(object payload, string? expected)
    {
        var manifest = payload.GetType().GetCustomAttribute<EventManifestAttribute>()!.Manifest;

        Assert.Equal(expected, LifecycleEvents.TypeOf(manifest, payload));
    }

    [Theory]
    [MemberData(nameof(Classified))]
    public void ToJournal_LifecycleEvent_TaggedOtherwiseUnchanged(object payload, string? expected)
    {
        var stored = new LifecycleTagger().ToJournal(payload);

        if (expected is null)
        {
            Assert.Same(payload, stored);
        }
        else
        {
            var tagged = Assert.IsType<Tagged>(stored);
            Assert.Same(payload, tagged.Payload);
            Assert.Equal([LifecycleEvents.Tag], tagged.Tags);
        }
    }

    [Fact]
    public void Types_EveryManifestMapsToAListedTypeOnce()
    {
        Assert.Equal(LifecycleEvents.Types.Count, LifecycleEvents.Types.Distinct().Count());
        Assert.Equal(LifecycleEvents.Manifests.Count, LifecycleEvents.Types.Count);
        Assert.All(LifecycleEvents.Types, t => Assert.Matches("^[a-z]+\\.[a-z-]+$", t));
    }

    [Fact]
    public void SchemaStep_TagsTheSameManifestsTheWriterTags()
    {
        // A manifest that becomes a lifecycle event after the step was released needs a step of its own
        // to tag the rows stored before it; this fails until it has one.
        Assert.Equal(
            LifecycleEvents.Manifests.Where(m => m != LifecycleEvents.UndoneManifest).Order(StringComparer.Ordinal),
            JournalSchemaStore.LifecycleTagManifests.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string?, string?, bool> PersistenceIds { get; } = new()
    {
        { "sandboxes", null, null, false },
        { "sandbox-s1-1", "s1", null, false },
        { "sandbox-a-b-17", "a-b", null, false },
        { "container/s1/3/c1/42", "s1", "c1", false },
        { "container/a-b/3/c.d-e/42", "a-b", "c.d-e", false },
        { "container-s1-c1-17", "s1", "c1", false },
        { "container-a-b-c-17", "a", "b-c", true },
    };

    [Theory]
    [MemberData(nameof(PersistenceIds))]
    public void Parse_PersistenceId_NamesItsOwner(string persistenceId, string? sandboxId, string? containerId, bool ambiguous)
    {
        Assert.Equal(new JournalOwner(sandboxId, containerId, ambiguous), JournalOwner.Parse(persistenceId));
    }

    [Theory]
    [InlineData("sandbox-s1")]
    [InlineData("sandbox--1")]
    [InlineData("container/s1/x/c1/1")]
    [InlineData("container/s1/1/c1")]
    [InlineData("container-s1-1")]
    [InlineData("hosted")]
    public void Parse_ForeignPersistenceId_IsNull(string persistenceId) => Assert.Null(JournalOwner.Parse(persistenceId));

    [Fact]
    public void Parse_IdsTheTreeWrites_RoundTrip()
    {
        Assert.Equal(new JournalOwner("s-1", null), JournalOwner.Parse(SandboxSupervisor.PersistenceIdFor("s-1", 12)));
        Assert.Equal(new JournalOwner("s-1", "c-2"), JournalOwner.Parse(ContainerEntry.PersistenceIdFor("s-1", 12, "c-2", 3)));
        Assert.Equal(new JournalOwner(null, null), JournalOwner.Parse(SandboxManager.Name));
    }
}
