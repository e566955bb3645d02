using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Orchestrator.Tests.Recovery;

/// <summary>
/// A journal plugin over a <see cref="FrozenJournalStore"/> that outlives actor systems. It stores
/// <c>durable-writes</c> write calls and then freezes: every later write never completes and never
/// reaches the store, so the actor system on top is like a process killed right after its last
/// durable write. A new system configured with the same <c>store</c> recovers what was stored.
/// </summary>
public sealed class FreezingJournal : AsyncWriteJournal
{
    private readonly FrozenJournalStore _store;
    private readonly int _durableWrites;
    private int _calls;

    public FreezingJournal(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _store = FrozenJournalStore.Get(config.GetString("store"));
        _durableWrites = config.GetInt("durable-writes");
    }

    /// <summary>The HOCON that makes an actor system write to <paramref name="store"/>, freezing after <paramref name="durableWrites"/> writes.</summary>
    public static string Hocon(FrozenJournalStore store, int durableWrites) => $$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.freezing"
        akka.persistence.journal.freezing {
          class = "{{typeof(FreezingJournal).FullName}}, {{typeof(FreezingJournal).Assembly.GetName().Name}}"
          plugin-dispatcher = "akka.actor.default-dispatcher"
          store = "{{store.Id}}"
          durable-writes = {{durableWrites}}
        }
        """;

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        foreach (var p in _store.Read(persistenceId).Where(p => p.SequenceNr >= fromSequenceNr && p.SequenceNr <= toSequenceNr).Take(max > int.MaxValue ? int.MaxValue : (int)max))
        {
            recoveryCallback(p);
        }

        return Task.CompletedTask;
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) =>
        Task.FromResult(_store.Highest(persistenceId));

    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) > _durableWrites)
        {
            _store.Freeze();
            return new TaskCompletionSource<IImmutableList<Exception?>>().Task;
        }

        return Task.FromResult<IImmutableList<Exception?>>(messages.Select(_store.Write).ToImmutableList());
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the tree never deletes events");
}
