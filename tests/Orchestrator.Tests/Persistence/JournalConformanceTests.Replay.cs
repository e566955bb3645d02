using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>Reading: order, ranges, deletes, highest sequence number, ids, restarts.</summary>
public abstract partial class JournalConformanceTests
{
    [ConformanceFact]
    public async Task ReplayMessagesAsync_EventsWrittenInSeveralCalls_ReplaysInSequenceOrder()
    {
        await WriteAllAsync(Write("p", 1, 2, 3));
        await WriteAllAsync(Write("other", 1));
        await WriteAllAsync(Write("p", 4), Write("p", 5, 6));
        await WriteAllAsync(Write("p", 7, 8, 9, 10));

        var replayed = await ReplayAsync("p");

        Assert.Equal(Range(1, 10), replayed.Select(p => p.SequenceNr));
        Assert.Equal(Enumerable.Range(1, 10), replayed.Select(p => ((MountRecorded)p.Payload).Index));
    }

    [ConformanceFact]
    public async Task ReplayMessagesAsync_RangeAndMax_ReplaysOnlyThatWindow()
    {
        await WriteAllAsync(Write("p", Range(1, 10)));

        Assert.Equal(Range(3, 7), await ReplayedSequenceNrsAsync("p", 3, 7));
        Assert.Equal(new[] { 3L, 4L }, await ReplayedSequenceNrsAsync("p", 3, 7, max: 2));
        Assert.Equal(Range(8, 10), await ReplayedSequenceNrsAsync("p", 8));
        Assert.Equal(new[] { 5L }, await ReplayedSequenceNrsAsync("p", 5, 5));
        Assert.Empty(await ReplayedSequenceNrsAsync("p", 1, 10, max: 0));
        Assert.Empty(await ReplayedSequenceNrsAsync("p", 7, 3));
        Assert.Empty(await ReplayedSequenceNrsAsync("p", 11));
        Assert.Empty(await ReplayedSequenceNrsAsync("unknown"));
    }

    [ConformanceFact]
    public async Task ReplayMessagesAsync_AfterDeleteMessagesTo_SkipsDeletedEvents()
    {
        await WriteAllAsync(Write("p", Range(1, 5)));

        await Journal.DeleteMessagesToAsync("p", 3);

        Assert.Equal(new[] { 4L, 5L }, await ReplayedSequenceNrsAsync("p"));
        Assert.Equal(new[] { 4L }, await ReplayedSequenceNrsAsync("p", 2, 4));
    }

    [ConformanceFact]
    public async Task ReadHighestSequenceNrAsync_AfterDeletingEverything_KeepsTheHighest()
    {
        await WriteAllAsync(Write("p", Range(1, 5)));

        await Journal.DeleteMessagesToAsync("p", 5);
        await Journal.DeleteMessagesToAsync("p", long.MaxValue);

        Assert.Empty(await ReplayAsync("p"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p", 3));
        Assert.IsType<JournalConflictException>(Assert.Single(await WriteAsync(Write("p", 5))));
        await WriteAllAsync(Write("p", 6));
        Assert.Equal(new[] { 6L }, await ReplayedSequenceNrsAsync("p"));
    }

    [ConformanceFact]
    public async Task ReadHighestSequenceNrAsync_AfterDeleteAndReopen_KeepsTheHighest()
    {
        await WriteAllAsync(Write("p", Range(1, 4)));
        await Journal.DeleteMessagesToAsync("p", 4);

        var reopened = await ReopenAsync();

        Assert.Equal(4, await reopened.ReadHighestSequenceNrAsync("p"));
        Assert.Empty(await ReplayAsync("p"));
        Assert.Contains("p", await reopened.CurrentPersistenceIdsAsync());
    }

    [ConformanceFact]
    public async Task ReadHighestSequenceNrAsync_UnknownPersistenceId_ReturnsZero()
    {
        await WriteAllAsync(Write("p", 1, 2));

        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody"));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync("p"));
    }

    [ConformanceFact]
    public async Task CurrentPersistenceIdsAsync_SeveralIds_ListsEachOnceInOrdinalOrder()
    {
        Assert.Empty(await Journal.CurrentPersistenceIdsAsync());
        await WriteAllAsync(Write("sandbox-b", 1, 2), Write("sandbox-a", 1), Write("Sandbox-c", 1, 2, 3));
        await Journal.DeleteMessagesToAsync("Sandbox-c", 3);

        var ids = await Journal.CurrentPersistenceIdsAsync();

        Assert.Equal(["Sandbox-c", "sandbox-a", "sandbox-b"], ids);
    }

    [ConformanceFact]
    public async Task ReplayMessagesAsync_UnknownManifest_FailsNamingManifestAndPersistenceId()
    {
        var olderBuild = await ReopenAsync(TestSerializers.WithRetired);
        await WriteAllAsync(new AtomicWrite(Event("container-9", 1, new RetiredEvent("gone"))));

        await ReopenAsync(TestSerializers.Default);
        var error = await Assert.ThrowsAsync<EventSerializationException>(() => ReplayAsync("container-9"));

        Assert.Contains("test.retired.v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("container-9", error.Message, StringComparison.Ordinal);
        Assert.NotSame(olderBuild, Journal);
    }

    [ConformanceFact]
    public async Task DisposeAsync_ThenReopen_ReturnsWhatWasWritten()
    {
        await WriteAllAsync(Write("a", 1, 2, 3), Write("b", 1));
        await Journal.DeleteMessagesToAsync("a", 1);

        var reopened = await ReopenAsync();

        Assert.Equal(new[] { 2L, 3L }, await ReplayedSequenceNrsAsync("a"));
        Assert.Equal(new[] { 1L }, await ReplayedSequenceNrsAsync("b"));
        Assert.Equal(["a", "b"], await reopened.CurrentPersistenceIdsAsync());
        Assert.Equal(3, await reopened.ReadHighestSequenceNrAsync("a"));
        await WriteAllAsync(Write("a", 4));
        Assert.Equal(new[] { 2L, 3L, 4L }, await ReplayedSequenceNrsAsync("a"));
    }
}
