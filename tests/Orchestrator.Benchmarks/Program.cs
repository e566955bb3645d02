using System.Diagnostics;
using Orchestrator.Benchmarks.Api;
using Orchestrator.Benchmarks.Journal;
using Orchestrator.Benchmarks.Lifecycle;
using Orchestrator.Benchmarks.Memory;
using Orchestrator.Benchmarks.Privileged;
using Orchestrator.Benchmarks.Recovery;
using Orchestrator.Benchmarks.Runtime;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Orchestrator.Benchmarks -- [--quick] [--json path] [suite ...]</c>.
/// Runs the named suites (all by default) and prints one markdown table of their rows, then one of
/// the targets those rows meet or miss. As root in the host's
/// mount namespace it first re-executes itself under <c>unshare --mount --propagation private</c>,
/// so the mounting suites never touch the host's mount table; as non-root they are skipped.
/// </summary>
internal static class Program
{
    private static readonly IBenchmarkSuite[] Suites =
    [
        new RuntimeSuite(),
        new JournalSuite(),
        new LifecycleSuite(),
        new ApiSuite(),
        new RecoverySuite(),
        new MemorySuite(),
    ];

    public static int Main(string[] args)
    {
        if (MountNamespace.ShouldReExecute)
        {
            return MountNamespace.ReExecute(args);
        }

        var quick = false;
        string? jsonPath = null;
        var selected = new List<IBenchmarkSuite>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--json" when i + 1 < args.Length:
                    jsonPath = args[++i];
                    break;
                default:
                    var suite = Array.Find(Suites, s => string.Equals(s.Name, args[i], StringComparison.OrdinalIgnoreCase));
                    if (suite is null)
                    {
                        Console.Error.WriteLine($"Unknown argument or suite '{args[i]}'. Suites: {string.Join(", ", Suites.Select(s => s.Name))}.");
                        return 2;
                    }

                    selected.Add(suite);
                    break;
            }
        }

        if (selected.Count == 0)
        {
            selected.AddRange(Suites);
        }

        using var tracing = ListenToSpansIfAsked();
        var date = DateTimeOffset.UtcNow;
        var rows = selected.SelectMany(s => s.Run(quick)).ToList();
        Console.Write(Report.Markdown(rows, date));
        Console.WriteLine();
        Console.Write(Report.Targets(rows, date, quick));
        if (jsonPath is not null)
        {
            Report.WriteJson(jsonPath, rows, date, quick);
        }

        return 0;
    }

    /// <summary>
    /// <c>ORCHESTRATOR_BENCH_TRACING=1</c>: every span of the orchestrator's source is created and
    /// recorded (then dropped), the price of tracing while a collector listens. Unset, nobody listens,
    /// as in a service without an OTLP endpoint.
    /// </summary>
    private static ActivityListener? ListenToSpansIfAsked()
    {
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_TRACING") != "1")
        {
            return null;
        }

        Console.WriteLine("Tracing: every span of the orchestrator's source recorded.");
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Actors.Tracing.OrchestratorTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
