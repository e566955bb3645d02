using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Orchestrator.Actors.Native;

namespace Orchestrator.Benchmarks.Recovery;

/// <summary>
/// Stopwatch sections for one recovery: every journal read and write and every native call,
/// counted and timed where it runs (the native calls on the native actor's thread, the journal
/// calls as the journal actor sees them, overlapping each other). One profile is active at a time:
/// the journal is created by the actor system, which can hand it nothing but its config.
/// </summary>
internal sealed class RecoveryProfile
{
    public const string JournalWrite = "journal write (overlapping)";

    private static RecoveryProfile? _active;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, long Ticks)> _sections = new(StringComparer.Ordinal);
    private long _eventsReplayed;
    private long _mountTableReads;

    /// <summary>Makes this profile the one the counting journal reports to; returns the journal class for <c>TreeHarness.StartAsync</c>.</summary>
    public string Journal()
    {
        Volatile.Write(ref _active, this);
        return $"{typeof(CountingJournal).FullName}, {typeof(CountingJournal).Assembly.GetName().Name}";
    }

    public Props NativeProps() => Props.Create(() => new CountingNativeActor(this)).WithDispatcher(NativeCallActor.DispatcherId);

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

    /// <summary>The SQL journal with a stopwatch around each call.</summary>
    private sealed class CountingJournal(Config config) : SqlWriteJournal(config)
    {
        private readonly RecoveryProfile _profile = Volatile.Read(ref _active) ?? throw new InvalidOperationException("no recovery profile is active");

        public override async Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
        {
            var started = Stopwatch.GetTimestamp();
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, p =>
            {
                Interlocked.Increment(ref _profile._eventsReplayed);
                recoveryCallback(p);
            });
            _profile.Add("journal replay (overlapping)", started);
        }

        public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var highest = await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
            _profile.Add("journal highest sequence nr (overlapping)", started);
            return highest;
        }

        protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await base.WriteMessagesAsync(messages, cancellationToken);
            _profile.Add(JournalWrite, started);
            return result;
        }
    }

    /// <summary>The native-call actor's body with a stopwatch around each call (no logging, same thread model).</summary>
    private sealed class CountingNativeActor : ReceiveActor
    {
        private readonly NativeOperations _operations = new();

        public CountingNativeActor(RecoveryProfile profile)
        {
            Receive<NativeCall>(call =>
            {
                var started = Stopwatch.GetTimestamp();
                var reply = _operations.Execute(call.Request);
                profile.Add("native " + call.Request.GetType().Name, started);
                Interlocked.Exchange(ref profile._mountTableReads, _operations.MountTableReads);
                Sender.Tell(new NativeCallReply(call.Id, reply));
            });
        }

        protected override void PostStop() => _operations.Dispose();
    }
}
