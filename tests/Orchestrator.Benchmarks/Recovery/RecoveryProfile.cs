using System.Diagnostics;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Benchmarks.Recovery;

/// <summary>
/// Stopwatch sections for one recovery: every journal read and every native call, counted and
/// timed where it runs (the native calls on the native actor's thread, the journal reads as the
/// callers see them, overlapping each other).
/// </summary>
internal sealed class RecoveryProfile
{
    public const string JournalWrite = "journal write (overlapping)";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, long Ticks)> _sections = new(StringComparer.Ordinal);
    private long _eventsReplayed;
    private long _mountTableReads;

    public IJournal Wrap(IJournal inner) => new CountingJournal(inner, this);

    public Props NativeProps() => Props.Create(() => new CountingNativeActor(this)).WithDispatcher(Dispatchers.PinnedDispatcherId);

    public IReadOnlyList<(string Section, double Value, string Unit)> Snapshot()
    {
        lock (_gate)
        {
            var rows = new List<(string, double, string)>
            {
                ("events replayed", Interlocked.Read(ref _eventsReplayed), "events"),
                ("mount table reads and parses by the native actor", Interlocked.Read(ref _mountTableReads), "reads"),
            };
            foreach (var (name, (count, ticks)) in _sections.OrderByDescending(s => s.Value.Ticks))
            {
                rows.Add(($"{name}: calls", count, "calls"));
                rows.Add(($"{name}: total time", ticks * 1000.0 / Stopwatch.Frequency, "ms"));
            }

            return rows;
        }
    }

    /// <summary>Calls so far and their summed time in milliseconds for one section (zero when never entered).</summary>
    public (long Calls, double Milliseconds) Section(string section)
    {
        lock (_gate)
        {
            var (count, ticks) = _sections.GetValueOrDefault(section);
            return (count, ticks * 1000.0 / Stopwatch.Frequency);
        }
    }

    private void Add(string section, long started)
    {
        var ticks = Stopwatch.GetTimestamp() - started;
        lock (_gate)
        {
            var (count, total) = _sections.GetValueOrDefault(section);
            _sections[section] = (count + 1, total + ticks);
        }
    }

    private sealed class CountingJournal(IJournal inner, RecoveryProfile profile) : IJournal
    {
        public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await inner.WriteMessagesAsync(writes, cancellationToken);
            profile.Add(JournalWrite, started);
            return result;
        }

        public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> onReplayed, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            await inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, p =>
            {
                Interlocked.Increment(ref profile._eventsReplayed);
                onReplayed(p);
            }, cancellationToken);
            profile.Add("journal replay (overlapping)", started);
        }

        public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            var highest = await inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
            profile.Add("journal highest sequence nr (overlapping)", started);
            return highest;
        }

        public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
            inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

        public Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default) =>
            inner.CurrentPersistenceIdsAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The native-call actor's body with a stopwatch around each call (no logging, same thread model).</summary>
    private sealed class CountingNativeActor : ReceiveActor
    {
        private readonly NativeOperations _operations = new();

        public CountingNativeActor(RecoveryProfile profile)
        {
            Receive<INativeRequest>(request =>
            {
                var started = Stopwatch.GetTimestamp();
                var reply = _operations.Execute(request);
                profile.Add("native " + request.GetType().Name, started);
                Interlocked.Exchange(ref profile._mountTableReads, _operations.MountTableReads);
                Sender.Tell(reply);
            });
        }

        protected override void PostStop() => _operations.Dispose();
    }
}
