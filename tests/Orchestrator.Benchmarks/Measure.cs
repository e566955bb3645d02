using System.Diagnostics;

namespace Orchestrator.Benchmarks;

internal static class Measure
{
    /// <summary>
    /// Runs <paramref name="subject"/> and <paramref name="baseline"/> (each returns how many operations it
    /// did) alternately: warm-up rounds first, then <paramref name="repetitions"/> timed rounds. Alternating
    /// makes both see the same background load, which matters on a shared machine. Returns the median rate
    /// of each in operations per second.
    /// </summary>
    public static (double Subject, double Baseline) MedianRates(int warmups, int repetitions, Func<long> subject, Func<long> baseline)
    {
        for (var i = 0; i < warmups; i++)
        {
            subject();
            baseline();
        }

        var subjectRates = new double[repetitions];
        var baselineRates = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            subjectRates[i] = Rate(subject);
            baselineRates[i] = Rate(baseline);
        }

        return (Median(subjectRates), Median(baselineRates));
    }

    private static double Rate(Func<long> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = Stopwatch.GetTimestamp();
        var operations = run();
        return operations / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The middle value (the upper one of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>The smallest value at or above the fraction <paramref name="p"/> of all values (nearest rank).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
