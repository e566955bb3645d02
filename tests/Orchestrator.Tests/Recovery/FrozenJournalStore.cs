using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Persistence;

namespace Orchestrator.Tests.Recovery;

/// <summary>
/// The events <see cref="FreezingJournal"/> stored, shared by every actor system configured with
/// its <see cref="Id"/>. Refuses (and records) a write whose sequence numbers do not follow the
/// stored ones: a sequence number reused after recovery would be one.
/// </summary>
public sealed class FrozenJournalStore : IDisposable
{
    private static readonly ConcurrentDictionary<string, FrozenJournalStore> Stores = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<IPersistentRepresentation>> _events = new(StringComparer.Ordinal);
    private readonly List<Exception> _rejections = [];
    private readonly TaskCompletionSource _frozen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FrozenJournalStore(string id) => Id = id;

    public string Id { get; }

    /// <summary>Completes when a journal over this store first refuses to complete a write.</summary>
    public Task Frozen => _frozen.Task;

    public IReadOnlyList<Exception> Rejections
    {
        get
        {
            lock (_events)
            {
                return [.. _rejections];
            }
        }
    }

    public static FrozenJournalStore Create()
    {
        var store = new FrozenJournalStore(Guid.NewGuid().ToString("N"));
        Stores[store.Id] = store;
        return store;
    }

    public static FrozenJournalStore Get(string id) =>
        Stores.TryGetValue(id, out var store) ? store : throw new InvalidOperationException($"no journal store {id}");

    public IReadOnlyList<string> PersistenceIds()
    {
        lock (_events)
        {
            return [.. _events.Keys];
        }
    }

    public IReadOnlyList<IPersistentRepresentation> Read(string persistenceId)
    {
        lock (_events)
        {
            return _events.TryGetValue(persistenceId, out var events) ? [.. events] : [];
        }
    }

    /// <summary>The payloads of <paramref name="persistenceId"/>, in order.</summary>
    public IReadOnlyList<object> Events(string persistenceId) => [.. Read(persistenceId).Select(p => p.Payload)];

    public long Highest(string persistenceId)
    {
        lock (_events)
        {
            return _events.TryGetValue(persistenceId, out var events) && events.Count > 0 ? events[^1].SequenceNr : 0;
        }
    }

    public void Dispose() => Stores.TryRemove(Id, out _);

    internal void Freeze() => _frozen.TrySetResult();

    internal Exception? Write(AtomicWrite write)
    {
        var messages = (IReadOnlyList<IPersistentRepresentation>)write.Payload;
        lock (_events)
        {
            if (!_events.TryGetValue(write.PersistenceId, out var events))
            {
                events = _events[write.PersistenceId] = [];
            }

            var expected = (events.Count > 0 ? events[^1].SequenceNr : 0) + 1;
            if (messages[0].SequenceNr != expected)
            {
                var rejection = new InvalidOperationException($"{write.PersistenceId}: write starts at {messages[0].SequenceNr}, expected {expected}");
                _rejections.Add(rejection);
                return rejection;
            }

            // Kept without the sender: a replayed event must not point into a system that is gone.
            events.AddRange(messages.Select(p => p.Update(p.SequenceNr, p.PersistenceId, p.IsDeleted, ActorRefs.NoSender, p.WriterGuid)));
            return null;
        }
    }
}
