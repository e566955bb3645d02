using Orchestrator.TestKit.Postgres;
using Orchestrator.TestKit.Privileges;
using Orchestrator.TestKit.Processes;
using Xunit.Abstractions;

namespace Orchestrator.Drills;

/// <summary>
/// Every failpoint the executable lists, armed to crash, on the real binary in a mount namespace
/// that outlives it; then recovery is checked and everything destroyed with nothing left behind.
/// </summary>
public sealed class FailpointDrillTests(ITestOutputHelper output)
{
    [RootFact]
    public async Task Drill_EveryFailpointOnSqlite_RecoversWithNothingLeaked()
    {
        var executable = OrchestratorExecutable.Locate();
        var rows = new List<DrillRow>();
        foreach (var failpoint in (await executable.ListFailpointsAsync()).Where(f => DrillSettings.Only?.Contains(f) ?? true))
        {
            rows.Add(await DrillRunner.RunFailpointAsync(executable, failpoint, postgres: null));
        }

        DrillReport.PrintAndAssert(output, "Failpoint drill, SQLite journal", "failpoints-sqlite", rows);
    }

    /// <summary>In CI a subset covering every window and the group commit; every failpoint with <c>ORCHESTRATOR_DRILLS=full</c>.</summary>
    [RootPostgresFact]
    public async Task Drill_FailpointsOnPostgres_RecoversWithNothingLeaked()
    {
        var executable = OrchestratorExecutable.Locate();
        var all = await executable.ListFailpointsAsync();
        var failpoints = DrillSettings.Full ? all : [.. all.Where(DrillSettings.PostgresSubset.Contains)];
        Assert.Equal(DrillSettings.Full ? all.Count : DrillSettings.PostgresSubset.Count, failpoints.Count);
        failpoints = [.. failpoints.Where(f => DrillSettings.Only?.Contains(f) ?? true)];
        await using var server = await PostgresServer.StartAsync();
        var rows = new List<DrillRow>();
        foreach (var failpoint in failpoints)
        {
            rows.Add(await DrillRunner.RunFailpointAsync(executable, failpoint, await server.CreateDatabaseAsync()));
        }

        DrillReport.PrintAndAssert(output, "Failpoint drill, PostgreSQL journal", "failpoints-postgres", rows);
    }
}
