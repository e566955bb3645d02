namespace Orchestrator.Benchmarks;

/// <summary>One measured figure next to the baseline measured in the same run (null when there is none).</summary>
internal sealed record BenchmarkRow(string Suite, string Case, double Value, string Unit, double? Baseline, string? BaselineName)
{
    /// <summary>Value over baseline: above 1 means faster than the baseline for rates.</summary>
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
