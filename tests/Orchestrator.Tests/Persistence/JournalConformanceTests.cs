using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// The journal contract, written once and run against every <see cref="IJournal"/>: each
/// derived class says how to open a journal over its own, per-test storage.
/// </summary>
public abstract partial class JournalConformanceTests : IAsyncLifetime
{
    private IJournal? _journal;

    protected IJournal Journal => _journal ?? throw new InvalidOperationException("The journal is not open.");

    /// <summary>Creates this test's empty storage (a file, a database, a backing object).</summary>
    protected virtual Task CreateStorageAsync() => Task.CompletedTask;

    /// <summary>Opens a journal over this test's storage; called again after a dispose to "restart".</summary>
    protected abstract Task<IJournal> OpenJournalAsync(EventSerializer serializer);

    /// <summary>Removes this test's storage after the journal is disposed.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await CreateStorageAsync();
        _journal = await OpenJournalAsync(TestSerializers.Default);
    }

    public async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        await DeleteStorageAsync();
    }

    /// <summary>Disposes the journal and opens a new one over the same storage, as after a restart.</summary>
    protected async Task<IJournal> ReopenAsync(EventSerializer? serializer = null)
    {
        await Journal.DisposeAsync();
        _journal = null;
        _journal = await OpenJournalAsync(serializer ?? TestSerializers.Default);
        return _journal;
    }

    protected static Persistent Event(string persistenceId, long sequenceNr, object? payload = null, string writerUuid = "writer-1") =>
        new(persistenceId, sequenceNr, payload ?? TestSerializers.Mount((int)sequenceNr), WriterUuid: writerUuid);

    protected static AtomicWrite Write(string persistenceId, params long[] sequenceNrs) =>
        new([.. sequenceNrs.Select(s => Event(persistenceId, s))]);

    protected async Task<IReadOnlyList<Exception?>> WriteAsync(params AtomicWrite[] writes) =>
        await Journal.WriteMessagesAsync(writes);

    /// <summary>Writes and asserts that every atomic write was stored.</summary>
    protected async Task WriteAllAsync(params AtomicWrite[] writes)
    {
        var results = await WriteAsync(writes);
        Assert.All(results, Assert.Null);
    }

    protected async Task<List<Persistent>> ReplayAsync(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<Persistent>();
        await Journal.ReplayMessagesAsync(persistenceId, from, to, max, replayed.Add);
        return replayed;
    }

    protected async Task<long[]> ReplayedSequenceNrsAsync(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue) =>
        [.. (await ReplayAsync(persistenceId, from, to, max)).Select(p => p.SequenceNr)];

    protected static long[] Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];
}
