using System.Collections.Concurrent;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Tests.Persistence;

/// <summary>Many writers at once: what group commit must get right.</summary>
public abstract partial class JournalConformanceTests
{
    private const int Writers = 64;
    private const int EventsPerWriter = 20;

    [ConformanceFact]
    public async Task WriteMessagesAsync_ManyConcurrentWriters_EveryEventStoredOnceInOrder()
    {
        var journal = Journal;
        var failures = new ConcurrentQueue<Exception>();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var persistenceId = $"container-{w:D2}";
            for (var seq = 1L; seq <= EventsPerWriter; seq++)
            {
                // Alternate single events and pairs so groups mix both shapes.
                var write = seq % 4 == 0 && seq < EventsPerWriter
                    ? new AtomicWrite([Event(persistenceId, seq), Event(persistenceId, seq + 1)])
                    : new AtomicWrite(Event(persistenceId, seq));
                var results = await journal.WriteMessagesAsync([write]);
                if (results[0] is { } failure)
                {
                    failures.Enqueue(failure);
                }

                seq = write.HighestSequenceNr;
            }
        })).ToArray();

        await Task.WhenAll(writers);

        Assert.Empty(failures);
        var ids = await Journal.CurrentPersistenceIdsAsync();
        Assert.Equal(Writers, ids.Count);
        foreach (var id in ids)
        {
            var replayed = await ReplayAsync(id);
            Assert.Equal(Range(1, EventsPerWriter), replayed.Select(p => p.SequenceNr));
            Assert.Equal(Enumerable.Range(1, EventsPerWriter), replayed.Select(p => ((MountRecorded)p.Payload).Index));
            Assert.Equal(EventsPerWriter, await Journal.ReadHighestSequenceNrAsync(id));
        }
    }

    [ConformanceFact]
    public async Task WriteMessagesAsync_ConcurrentWritersOfOneId_ExactlyOneWinsEachSequenceNr()
    {
        var journal = Journal;
        var contenders = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var write = new AtomicWrite([.. Range(1, 3).Select(s => Event("sandbox-x", s, writerUuid: $"writer-{w}"))]);
            var results = await journal.WriteMessagesAsync([write, Write($"own-{w}", 1)]);
            Assert.Null(results[1]);
            return (Writer: $"writer-{w}", Result: results[0]);
        })).ToArray();

        var outcomes = await Task.WhenAll(contenders);

        var winner = Assert.Single(outcomes, o => o.Result is null);
        Assert.All(outcomes.Where(o => o.Result is not null), o => Assert.IsType<JournalConflictException>(o.Result));
        var replayed = await ReplayAsync("sandbox-x");
        Assert.Equal([1L, 2L, 3L], replayed.Select(p => p.SequenceNr));
        Assert.All(replayed, p => Assert.Equal(winner.Writer, p.WriterUuid));
        Assert.Equal(17, (await Journal.CurrentPersistenceIdsAsync()).Count);
    }

    [ConformanceFact]
    public async Task DeleteMessagesToAsync_WhileOthersWrite_DeletesOnlyThatId()
    {
        await WriteAllAsync(Write("victim", Range(1, 10)));
        var journal = Journal;
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var seq = 1L; seq <= 5; seq++)
            {
                Assert.Null(Assert.Single(await journal.WriteMessagesAsync([Write($"bystander-{w}", seq)])));
            }
        })).ToList();
        writers.Add(journal.DeleteMessagesToAsync("victim", 6));

        await Task.WhenAll(writers);

        Assert.Equal(Range(7, 10), await ReplayedSequenceNrsAsync("victim"));
        for (var w = 0; w < 8; w++)
        {
            Assert.Equal(Range(1, 5), await ReplayedSequenceNrsAsync($"bystander-{w}"));
        }
    }
}
