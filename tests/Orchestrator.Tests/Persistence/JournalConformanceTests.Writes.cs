using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>Writing: round trip, atomicity, conflicts, rejection.</summary>
public abstract partial class JournalConformanceTests
{
    [ConformanceFact]
    public async Task WriteMessagesAsync_SingleEvent_ReplaysPayloadAndMetadata()
    {
        var timestamp = new DateTime(2025, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc);
        var payload = TestSerializers.Mount(7) with { Note = "first" };
        var results = await WriteAsync(new AtomicWrite(new Persistent("container-1", 1, payload, WriterUuid: "w-42", Timestamp: timestamp)));

        Assert.Null(Assert.Single(results));
        var replayed = Assert.Single(await ReplayAsync("container-1"));
        Assert.Equal("container-1", replayed.PersistenceId);
        Assert.Equal(1, replayed.SequenceNr);
        Assert.Equal("test.mount-recorded.v1", replayed.Manifest);
        Assert.Equal("w-42", replayed.WriterUuid);
        Assert.Equal(timestamp, replayed.Timestamp);
        Assert.Equal(DateTimeKind.Utc, replayed.Timestamp.Kind);
        var replayedPayload = Assert.IsType<MountRecorded>(replayed.Payload);
        Assert.Equal(payload.Target, replayedPayload.Target);
        Assert.Equal(payload.Kind, replayedPayload.Kind);
        Assert.Equal(payload.Options, replayedPayload.Options);
        Assert.Equal(payload.Devices.ToArray(), replayedPayload.Devices.ToArray());
        Assert.Equal(payload.Source, replayedPayload.Source);
        Assert.Equal("first", replayedPayload.Note);
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_NoTimestamp_StampsTheWriteTime()
    {
        var before = DateTime.UtcNow;
        await WriteAllAsync(Write("p", 1));

        var replayed = Assert.Single(await ReplayAsync("p"));
        Assert.InRange(replayed.Timestamp, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_AtomicWriteWithDuplicateSequenceNr_StoresNoneOfItsEventsButStoresTheOthers()
    {
        var results = await WriteAsync(Write("a", 1, 2), Write("b", 1, 2, 2), Write("c", 1));

        Assert.Null(results[0]);
        var conflict = Assert.IsType<JournalConflictException>(results[1]);
        Assert.Equal("b", conflict.PersistenceId);
        Assert.Null(results[2]);
        Assert.Equal(new[] { 1L, 2L }, await ReplayedSequenceNrsAsync("a"));
        Assert.Empty(await ReplayAsync("b"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("b"));
        Assert.Equal(new[] { 1L }, await ReplayedSequenceNrsAsync("c"));
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_SecondWriterReusesSequenceNr_RejectsItAndKeepsTheFirstHistory()
    {
        await WriteAllAsync(Write("sandbox-1", 1, 2, 3));

        var forked = new AtomicWrite([Event("sandbox-1", 3, writerUuid: "writer-2"), Event("sandbox-1", 4, writerUuid: "writer-2")]);
        var results = await Journal.WriteMessagesAsync([forked]);

        var conflict = Assert.IsType<JournalConflictException>(Assert.Single(results));
        Assert.Contains("sandbox-1", conflict.Message, StringComparison.Ordinal);
        var replayed = await ReplayAsync("sandbox-1");
        Assert.Equal([1L, 2L, 3L], replayed.Select(p => p.SequenceNr));
        Assert.All(replayed, p => Assert.Equal("writer-1", p.WriterUuid));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("sandbox-1"));
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_PayloadWithoutManifest_RejectsOnlyThatWrite()
    {
        var results = await WriteAsync(
            Write("p", 1),
            new AtomicWrite(Event("q", 1, new NoManifestEvent("x"))),
            new AtomicWrite([Event("r", 1), Event("r", 2, new NoManifestEvent("y"))]),
            Write("s", 1));

        Assert.Null(results[0]);
        var rejected = Assert.IsType<EventSerializationException>(results[1]);
        Assert.Contains(nameof(NoManifestEvent), rejected.Message, StringComparison.Ordinal);
        Assert.Contains("[EventManifest", rejected.Message, StringComparison.Ordinal);
        Assert.IsType<EventSerializationException>(results[2]);
        Assert.Null(results[3]);
        Assert.Empty(await ReplayAsync("q"));
        Assert.Empty(await ReplayAsync("r"));
        Assert.Equal(new[] { 1L }, await ReplayedSequenceNrsAsync("p"));
        Assert.Equal(new[] { 1L }, await ReplayedSequenceNrsAsync("s"));
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_EmptyCall_ReturnsNoResults()
    {
        Assert.Empty(await WriteAsync());
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_AfterDispose_ThrowsObjectDisposed()
    {
        await Journal.DisposeAsync();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => WriteAsync(Write("p", 1)));
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_InitOnlyRecordWithImmutableList_RoundTrips()
    {
        var label = new LabelSet { Key = "tier", Value = "gold", Kinds = [MountKind.Block, MountKind.Nydus] };
        await WriteAllAsync(new AtomicWrite(Event("p", 1, label)));

        var replayed = Assert.IsType<LabelSet>(Assert.Single(await ReplayAsync("p")).Payload);
        Assert.Equal("tier", replayed.Key);
        Assert.Equal("gold", replayed.Value);
        Assert.Equal([MountKind.Block, MountKind.Nydus], replayed.Kinds);
    }
}
