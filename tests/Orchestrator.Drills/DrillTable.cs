using System.Globalization;
using System.Text;

namespace Orchestrator.Drills;

/// <summary>Renders drill rows as a Markdown table (for the test output, a report file and the README).</summary>
internal static class DrillTable
{
    public static string Render(string title, IReadOnlyList<DrillRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
        text.AppendLine();
        text.AppendLine("| failpoint | crashes | recovered | leaked mounts | leaked dirs | leaked loop devices | time to recover |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Crashes} | {(r.Recovered ? "yes" : "NO")} | {r.LeakedMounts} | {r.LeakedDirectories} | {r.LeakedLoopDevices} | {r.TimeToRecover.TotalMilliseconds:F0} ms |");
        }

        var failed = rows.Where(r => !r.Passed).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{rows.Count - failed.Count} of {rows.Count} passed.");
        foreach (var r in failed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Name} (crashed in: {r.CrashedIn ?? "nothing"}):");
            foreach (var p in r.Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {p}");
            }
        }

        return text.ToString();
    }

    /// <summary>Writes the table under <see cref="DrillSettings.ReportDirectory"/>; returns the file.</summary>
    public static string Write(string name, string table)
    {
        Directory.CreateDirectory(DrillSettings.ReportDirectory);
        var path = Path.Combine(DrillSettings.ReportDirectory, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
        File.WriteAllText(path, table);
        return path;
    }
}
