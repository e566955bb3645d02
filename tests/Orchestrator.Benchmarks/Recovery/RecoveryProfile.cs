using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Orchestrator.Actors.Metrics;
using Orchestrator.Actors.Native;

namespace Orchestrator.Benchmarks.Recovery;

/// <summary>
/// Stopwatch sections for one run: every native call, counted and timed on the native actor's
/// thread, and every journal write as the journal itself measures it (its latency histogram,
/// writes overlapping each other).
/// </summary>
internal sealed class RecoveryProfile : IDisposable
{
    public const string JournalWrite = "journal write (overlapping)";

    /// <summary>The prefix of the sections of native calls that read the whole mount table.</summary>
    public const string MountTableReadBy = "mount table read by native ";

    public const string JournalStartupScan = "journal start-up scan (every history, one query)";

    // Instrument names as literals: the listener is called while OrchestratorMetrics' own static
    // initializer creates them, before its properties exist.
    private const string WriteInstrument = "orchestrator.journal.write";
    private const string ScanInstrument = "orchestrator.journal.startup_scan";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, long Ticks)> _sections = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private long _mountTableReads;

    public RecoveryProfile()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrchestratorMetrics.MeterName
                && instrument.Name is WriteInstrument or ScanInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, _, _) => Add(
            instrument.Name == WriteInstrument ? JournalWrite : JournalStartupScan,
            (long)(seconds * Stopwatch.Frequency)));
        _listener.Start();
    }

    /// <summary>Whole-table mountinfo reads by the native actor so far.</summary>
    public long MountTableReads => Interlocked.Read(ref _mountTableReads);

    public Props NativeProps() => Props.Create(() => new CountingNativeActor(this)).WithDispatcher(NativeCallActor.DispatcherId);

    public IReadOnlyList<(string Section, double Value, string Unit)> Snapshot()
    {
        lock (_gate)
        {
            var rows = new List<(string, double, string)>
            {
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

    /// <summary>Every section so far: its calls and summed milliseconds, by name.</summary>
    public IReadOnlyDictionary<string, (long Calls, double Milliseconds)> Sections()
    {
        lock (_gate)
        {
            return _sections.ToDictionary(s => s.Key, s => (s.Value.Count, s.Value.Ticks * 1000.0 / Stopwatch.Frequency), StringComparer.Ordinal);
        }
    }

    /// <summary>Milliseconds spent in native calls so far, all kinds together.</summary>
    public double NativeMilliseconds()
    {
        lock (_gate)
        {
            return _sections.Where(s => s.Key.StartsWith("native ", StringComparison.Ordinal)).Sum(s => s.Value.Ticks) * 1000.0 / Stopwatch.Frequency;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string section, long ticks)
    {
        lock (_gate)
        {
            var (count, total) = _sections.GetValueOrDefault(section);
            _sections[section] = (count + 1, total + ticks);
        }
    }

    /// <summary>The native-call actor's body with a stopwatch around each call (no logging, same thread model).</summary>
    private sealed class CountingNativeActor : ReceiveActor
    {
        private readonly NativeOperations _operations = new();

        public CountingNativeActor(RecoveryProfile profile)
        {
            Receive<NativeCall>(call => Sender.Tell(new NativeCallReply(call.Id, Execute(profile, call.Request))));

            // The manager's start-up hint, sent as a bare request like the real actor takes it.
            Receive<INativeRequest>(request => Sender.Tell(Execute(profile, request)));
        }

        private INativeReply Execute(RecoveryProfile profile, INativeRequest request)
        {
            var readsBefore = _operations.MountTableReads;
            var started = Stopwatch.GetTimestamp();
            var reply = _operations.Execute(request);
            var elapsed = Stopwatch.GetTimestamp() - started;
            profile.Add("native " + request.GetType().Name, elapsed);
            if (_operations.MountTableReads > readsBefore)
            {
                // Which requests pay for whole-table reads, and what those calls cost in all.
                profile.Add(MountTableReadBy + request.GetType().Name, elapsed);
            }

            Interlocked.Exchange(ref profile._mountTableReads, _operations.MountTableReads);
            return reply;
        }

        protected override void PostStop() => _operations.Dispose();
    }
}
