using Xunit.Abstractions;

namespace Orchestrator.Drills;

/// <summary>Prints a drill's table to the test output and to a report file, then fails on any failed row.</summary>
internal static class DrillReport
{
    public static void PrintAndAssert(ITestOutputHelper output, string title, string fileName, IReadOnlyList<DrillRow> rows)
    {
        var table = DrillTable.Render(title, rows);
        var file = DrillTable.Write(fileName, table);
        output.WriteLine(table);
        output.WriteLine($"(also written to {file})");
        Assert.NotEmpty(rows);
        Assert.True(rows.All(r => r.Passed), table);
    }
}
