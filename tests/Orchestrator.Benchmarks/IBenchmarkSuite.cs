namespace Orchestrator.Benchmarks;

/// <summary>One family of measurements (runtime, journal, lifecycle, …); add a suite by adding a class to <see cref="Program"/>.</summary>
internal interface IBenchmarkSuite
{
    /// <summary>Selects the suite on the command line.</summary>
    string Name { get; }

    /// <summary>Measures every case; <paramref name="quick"/> trades precision for a run of a few seconds.</summary>
    IReadOnlyList<BenchmarkRow> Run(bool quick);
}
