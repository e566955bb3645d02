namespace Orchestrator.Benchmarks;

/// <summary>
/// A performance target, judged on one row the suites emit (matched by suite and case).
/// <paramref name="Goal"/> is the target as printed; <paramref name="Met"/> judges the row.
/// </summary>
internal sealed record Target(string What, string Suite, string Case, string Goal, Func<BenchmarkRow, bool> Met)
{
    /// <summary>Every target, in the order the table prints them.</summary>
    public static readonly IReadOnlyList<Target> All =
    [
        new("create, 1000 × 4, 16 in flight", "lifecycle", "1000 sandboxes × 4 containers, create", "≥ 0.70×", r => r.Ratio >= 0.70),
        new("destroy, 1000 × 4, 16 in flight", "lifecycle", "1000 sandboxes × 4 containers, destroy", "≥ 0.70×", r => r.Ratio >= 0.70),
        new("AddContainer p99, 1000 × 4, 16 in flight", "lifecycle", "1000 sandboxes × 4 containers, AddContainer p99 (lower is better)", "< 20 ms", r => r.Value < 20_000),
        new("through the API, 250 × 4, 16 clients, create + destroy", "api", "250 sandboxes × 4 containers, 16 clients, create + destroy, whole run", "≥ 0.50×", r => r.Ratio >= 0.50),
        new("recovery, 10,000 containers in 2,500 sandboxes", "recovery", "10,000 containers in 2,500 sandboxes: start to all recovered and reconciled (lower is better)", "< 2 s", r => r.Value < 2_000),
        new("memory per idle sandbox with 4 containers", "memory", "10,000 idle sandboxes × 4 containers, bytes per sandbox (lower is better; target < 16,384)", "< 16 KiB", r => r.Value < 16_384),
        new("whole mount table reads, create, 1000 × 4", "lifecycle", "1000 sandboxes × 4 containers, create: whole mount table reads per 1,000 containers", "= 0", r => r.Value == 0),
        new("whole mount table reads, destroy, 1000 × 4", "lifecycle", "1000 sandboxes × 4 containers, destroy: whole mount table reads per 1,000 containers", "= 0", r => r.Value == 0),
    ];

    /// <summary>
    /// This target against the run's rows: its row and <c>met</c> or <c>not met</c>; without its row,
    /// <c>quick size</c> when its suite ran in <c>--quick</c> (at another size, so not judged) and
    /// <c>not measured</c> when it did not run, was skipped or ran at other sizes.
    /// </summary>
    public (BenchmarkRow? Row, string Status) Judge(IReadOnlyList<BenchmarkRow> rows, bool quick)
    {
        if (rows.FirstOrDefault(r => r.Suite == Suite && r.Case == Case) is { } row)
        {
            return (row, Met(row) ? "met" : "not met");
        }

        return (null, quick && rows.Any(r => r.Suite == Suite) ? "quick size" : "not measured");
    }
}
