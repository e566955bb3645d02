using System.Globalization;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.Drills;

/// <summary>
/// How much the drills do. CI runs a short version under <c>./test.sh</c>; <c>ORCHESTRATOR_DRILLS=full</c>
/// runs everything (every failpoint on PostgreSQL too, many random-kill rounds).
/// <c>ORCHESTRATOR_DRILLS_SEED</c> replays a random-kill run exactly; <c>ORCHESTRATOR_DRILLS_ROUNDS</c>
/// sets its round count.
/// </summary>
internal static class DrillSettings
{
    public const int ShortRounds = 5;
    public const int FullRounds = 40;

    /// <summary>The failpoints the PostgreSQL variant runs in CI: one per window and the group commit.</summary>
    public static readonly IReadOnlyList<string> PostgresSubset =
    [
        "create.directory.before-intent",
        "create.bind.after-intent",
        "create.loop.after-call",
        "create.nydus.after-outcome",
        "undo.bind.after-call",
        "undo.loop.after-intent",
        "undo.directory.after-outcome",
        "journal.after-commit",
    ];

    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("ORCHESTRATOR_DRILLS"), "full", StringComparison.OrdinalIgnoreCase);

    public static int Rounds => Integer("ORCHESTRATOR_DRILLS_ROUNDS") ?? (Full ? FullRounds : ShortRounds);

    /// <summary><c>ORCHESTRATOR_DRILLS_FAILPOINTS=a,b</c> runs only those failpoints (to replay one); null runs all.</summary>
    public static IReadOnlySet<string>? Only =>
        Environment.GetEnvironmentVariable("ORCHESTRATOR_DRILLS_FAILPOINTS") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : null;

    public static int Seed => Integer("ORCHESTRATOR_DRILLS_SEED") ?? Random.Shared.Next();

    /// <summary>Where each run's table is written, besides the test output.</summary>
    public static string ReportDirectory => Path.Combine(OrchestratorExecutable.SolutionDirectory, "TestResults", "drills");

    private static int? Integer(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
