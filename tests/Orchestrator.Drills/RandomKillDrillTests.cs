using Orchestrator.TestKit.Privileges;
using Orchestrator.TestKit.Processes;
using Xunit.Abstractions;

namespace Orchestrator.Drills;

/// <summary>
/// Rounds of a seeded mixed workload with <c>kill -9</c> at a seeded moment. The seed is printed;
/// <c>ORCHESTRATOR_DRILLS_SEED=&lt;seed&gt;</c> replays the same workloads and kill moments.
/// </summary>
public sealed class RandomKillDrillTests(ITestOutputHelper output)
{
    [RootFact]
    public async Task Drill_RandomKillsOnSqlite_RecoversWithNothingLeaked()
    {
        var executable = OrchestratorExecutable.Locate();
        var seed = DrillSettings.Seed;
        output.WriteLine($"random-kill drill: seed {seed} (replay with ORCHESTRATOR_DRILLS_SEED={seed}), {DrillSettings.Rounds} rounds");
        // Each round draws its own seed from the run's, so rounds differ and one seed replays them all.
        var rounds = new Random(seed);
        var rows = new List<DrillRow>();
        for (var round = 1; round <= DrillSettings.Rounds; round++)
        {
            rows.Add(await DrillRunner.RunRandomKillAsync(executable, rounds.Next(), round, postgres: null));
        }

        DrillReport.PrintAndAssert(output, $"Random-kill drill, SQLite journal, seed {seed}", "random-kill-sqlite", rows);
    }
}
