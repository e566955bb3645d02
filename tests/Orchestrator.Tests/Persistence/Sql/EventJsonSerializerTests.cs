using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// <see cref="EventJsonSerializer"/> inside a real actor system: every stored manifest reads its
/// stored JSON and writes it back byte for byte, the serializer is the one Akka picks for every
/// event, and an unknown manifest is an error that names it.
/// </summary>
public sealed class EventJsonSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(Akka.Actor.BootstrapSetup.Create().And(EventSerialization.Setup(EventSerialization.DefaultRegistry)), "serializer", output)
{
    /// <summary>
    /// The stored format, one row per manifest: these bytes are in journals on disk and must read
    /// back, and be written again, exactly so. Rows come from the journal the release before
    /// Akka.NET wrote (Fixtures/journal-before-akka.db) where it has the manifest. A changed
    /// event is a new manifest and a new row here; an existing row never changes.
    /// </summary>
    public static TheoryData<string, string> StoredJson { get; } = new()
    {
        { "container.create-requested.v1", """{"sandboxId":"s2","spec":{"id":"c3","rootfs":{"type":"Block","source":"/tmp/orchestrator-upgrade-fixture-src/disk.img","readOnly":false,"fsType":"ext4","snapshotDir":null,"daemonConfig":null},"mounts":[],"volumes":[]},"blockIndexes":[0]}""" },
        { "container.create-failed.v1", """{"reason":"rootfs: mount failed"}""" },
        { "container.created.v1", """{}""" },
        { "container.host-mount-classified.v1", """{"index":0,"disposition":"Shared","resolvedSource":"/tmp/orchestrator-upgrade-fixture-src/vol1","watchable":false,"reason":"Plain"}""" },
        { "container.teardown-completed.v1", """{"errors":["umount /x: EBUSY"]}""" },
        { "container.teardown-started.v1", """{"reason":"destroy requested"}""" },
        { "resource.created.v1", """{"key":"rootfs","device":"/dev/loop0"}""" },
        { "resource.failed.v1", """{"key":"rootfs","error":{"syscall":"mount","errno":"EBUSY","paths":["/a","/b"],"message":"mount src=/a, dst=/b: EBUSY (Device or resource busy)"}}""" },
        { "resource.reconciled.v1", """{"key":"rootfs","exists":true,"device":"/dev/loop0"}""" },
        { "resource.started.v1", """{"key":"rootfs","kind":"Loop","role":"Rootfs","target":"/tmp/orchestrator-upgrade-fixture-src/disk.img","source":"/tmp/orchestrator-upgrade-fixture-src/disk.img","readOnly":false,"containerPath":"/","blockIndex":0}""" },
        { "resource.undo-failed.v1", """{"key":"dir","error":{"syscall":"rmdir","errno":"ENOTEMPTY","paths":["/d"],"message":"rmdir /d: ENOTEMPTY"}}""" },
        { "resource.undo-refused.v1", """{"key":"mount:/data","reason":"a symlink stands at the mount point"}""" },
        { "resource.undo-started.v1", """{"key":"shared-bind"}""" },
        { "resource.withdrawn.v1", """{"key":"volume:/data"}""" },
        { "resource.undone.v1", """{"key":"shared-bind","how":"Removed","attempts":1}""" },
        { "sandbox.container-added.v1", """{"containerId":"c3","incarnation":17,"blockIndexes":[0]}""" },
        { "sandbox.container-added.v2", """{"containerId":"c3","incarnation":5,"blockIndexes":[0,1],"persistenceId":"container/s2/2/c3/5"}""" },
        { "sandbox.container-histories-handed-over.v1", """{"persistenceIds":["container/s2/2/c3/5","container-s2-c4-9"]}""" },
        { "sandbox.container-removed.v1", """{"containerId":"c4"}""" },
        { "sandbox.create-failed.v1", """{"reason":"layout failed"}""" },
        { "sandbox.create-requested.v1", """{"sandboxId":"gone","sharedFs":"VirtioFs","blockDriver":"VirtioBlk"}""" },
        { "sandbox.destroy-started.v1", """{"reason":"destroy requested"}""" },
        { "sandbox.destroyed.v1", """{"errors":[]}""" },
        { "sandbox.ready.v1", """{}""" },
        { "sandboxes.registered.v1", """{"sandboxId":"gone","incarnation":3}""" },
        { "sandboxes.unregistered.v1", """{"sandboxId":"gone"}""" },
        { "sandboxes.histories-retired.v1", """{"persistenceIds":["sandbox-gone-3","container/gone/3/c1/4"],"retiredAt":"2026-11-29T10:15:02.5+00:00"}""" },
        { "sandboxes.histories-deleted.v1", """{"persistenceIds":["sandbox-gone-3"]}""" },
        { "sandboxes.recovery-started.v1", """{"sandboxes":2}""" },
        { "sandboxes.recovery-finished.v1", """{"sandboxes":2,"containers":5,"elapsedMs":1234}""" },
        { "sandboxes.snapshot.v1", """{"sandboxes":[{"sandboxId":"s1","incarnation":7}],"retired":[{"persistenceId":"sandbox-gone-3","retiredAt":"2026-11-29T10:15:02.5+00:00"}]}""" },
    };

    [Fact]
    public void StoredJson_CoversEveryRegisteredManifest()
    {
        var covered = StoredJson.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(EventSerialization.DefaultRegistry.Manifests.Where(m => !covered.Contains(m)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StoredJson))]
    public void FromBinaryThenToBinary_StoredJson_WritesTheSameBytesUnderTheSameManifest(string manifest, string json)
    {
        var serializer = Sys.Serialization.FindSerializerForType(TypeOf(manifest));
        var stored = Encoding.UTF8.GetBytes(json);

        var payload = Sys.Serialization.Deserialize(stored, EventJsonSerializer.Id, manifest);

        var written = Assert.IsType<EventJsonSerializer>(serializer);
        Assert.Equal(manifest, written.Manifest(payload));
        Assert.Equal(json, Encoding.UTF8.GetString(written.ToBinary(payload)));
    }

    [Fact]
    public void FindSerializerFor_ResourceEvent_IsTheEventSerializer()
    {
        // A resource event is both a container and a sandbox event: bound through both markers,
        // Akka must still resolve one serializer, not throw for the ambiguity.
        var serializer = Sys.Serialization.FindSerializerFor(new UndoStarted("k"));

        Assert.Equal(EventJsonSerializer.Id, serializer.Identifier);
    }

    [Fact]
    public void ToBinary_SameEvent_MatchesTheReleaseSerializerByteForByte()
    {
        var registered = new SandboxRegistered("s1", 4);
        var release = new EventSerializer(EventSerialization.DefaultRegistry).Serialize(registered);

        var serializer = (EventJsonSerializer)Sys.Serialization.FindSerializerFor(registered);

        Assert.Equal(release.Manifest, serializer.Manifest(registered));
        Assert.Equal(release.Bytes, serializer.ToBinary(registered));
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationExceptionNamingIt()
    {
        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize("{}"u8.ToArray(), EventJsonSerializer.Id, "container.gone.v7"));

        Assert.Contains("'container.gone.v7'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBinary_TypeWithoutManifest_ThrowsNamingTheType()
    {
        var serializer = new EventJsonSerializer((ExtendedActorSystem)Sys, EventSerialization.DefaultRegistry);

        var error = Assert.Throws<EventSerializationException>(() => serializer.ToBinary(new Unregistered("x")));

        Assert.Contains(nameof(Unregistered), error.Message, StringComparison.Ordinal);
    }

    private static Type TypeOf(string manifest) =>
        EventSerialization.DefaultRegistry.TryGetType(manifest, out var type) ? type : throw new InvalidOperationException(manifest);

    private sealed record Unregistered(string Value);
}
