using static Orchestrator.Benchmarks.Measure;

namespace Orchestrator.Benchmarks.Lifecycle;

/// <summary>
/// Create and destroy runs of one side (the orchestrator, or the plain loop beside it): their rates and
/// every AddContainer's latency, gathered over repetitions and reported as medians and percentiles.
/// </summary>
internal sealed class RunFigures
{
    public const string PlainLoop = "plain loop, 1 thread, no journal";

    private readonly List<double> _up = [];
    private readonly List<double> _down = [];
    private readonly List<double> _whole = [];
    private readonly List<double> _latencies = [];

    /// <summary>Median containers per second created.</summary>
    public double Create => Median(_up);

    /// <summary>Median containers per second destroyed.</summary>
    public double Destroy => Median(_down);

    /// <summary>Median containers per second over the whole create and destroy.</summary>
    public double Whole => Median(_whole);

    /// <summary>One repetition: <paramref name="containers"/> created in <paramref name="up"/> seconds and destroyed in <paramref name="down"/>.</summary>
    public void Add(int containers, double up, double down, IEnumerable<double> latencies)
    {
        _up.Add(containers / up);
        _down.Add(containers / down);
        _whole.Add(containers / (up + down));
        _latencies.AddRange(latencies);
    }

    /// <summary>Create and destroy rates and the AddContainer latencies of <paramref name="subject"/>, each beside the plain loop's.</summary>
    public static IEnumerable<BenchmarkRow> Rows(string suite, string shape, RunFigures subject, RunFigures plain)
    {
        const string oneContainer = "plain loop, one container's calls";
        yield return new BenchmarkRow(suite, $"{shape}, create", subject.Create, "containers/s", plain.Create, PlainLoop);
        yield return new BenchmarkRow(suite, $"{shape}, destroy", subject.Destroy, "containers/s", plain.Destroy, PlainLoop);
        yield return new BenchmarkRow(suite, $"{shape}, AddContainer p50 (lower is better)", Percentile(subject._latencies, 0.50) * 1e6, "µs", Percentile(plain._latencies, 0.50) * 1e6, oneContainer);
        yield return new BenchmarkRow(suite, $"{shape}, AddContainer p99 (lower is better)", Percentile(subject._latencies, 0.99) * 1e6, "µs", Percentile(plain._latencies, 0.99) * 1e6, oneContainer);
    }
}
