using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>Prints the rows and the targets as two markdown tables and writes both as JSON.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<BenchmarkRow> rows, DateTimeOffset date)
    {
        var text = new StringBuilder(Heading(date));
        text.AppendLine("| Suite | Case | Value | Unit | Baseline | Ratio |");
        text.AppendLine("|---|---|---:|---|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Suite} | {row.Case} | {Format(row.Value)} | {row.Unit} | {Baseline(row)} | {Ratio(row)} |");
        }

        return text.ToString();
    }

    /// <summary>One line per target: its figure and baseline from the run's rows, the goal, and whether it is met.</summary>
    public static string Targets(IReadOnlyList<BenchmarkRow> rows, DateTimeOffset date, bool quick)
    {
        var text = new StringBuilder("Targets. " + Heading(date));
        text.AppendLine("| Suite | Target | Figure | Baseline | Ratio | Goal | Status |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var target in Target.All)
        {
            var (row, status) = target.Judge(rows, quick);
            var figure = row is null ? "" : $"{Format(row.Value)} {row.Unit}";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {target.Suite} | {target.What} | {figure} | {Baseline(row)} | {Ratio(row)} | {target.Goal} | {status} |");
        }

        return text.ToString();
    }

    public static void WriteJson(string path, IReadOnlyList<BenchmarkRow> rows, DateTimeOffset date, bool quick)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("date", date);
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteString("os", Environment.OSVersion.ToString());
        json.WriteString("runtime", Environment.Version.ToString());
        json.WriteBoolean("quick", quick);
        json.WriteStartArray("rows");
        foreach (var row in rows)
        {
            json.WriteStartObject();
            WriteRow(json, row);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("targets");
        foreach (var target in Target.All)
        {
            var (row, status) = target.Judge(rows, quick);
            json.WriteStartObject();
            json.WriteString("target", target.What);
            json.WriteString("goal", target.Goal);
            json.WriteString("status", status);
            if (row is null)
            {
                json.WriteString("suite", target.Suite);
                json.WriteString("case", target.Case);
            }
            else
            {
                WriteRow(json, row);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter json, BenchmarkRow row)
    {
        json.WriteString("suite", row.Suite);
        json.WriteString("case", row.Case);
        json.WriteNumber("value", row.Value);
        json.WriteString("unit", row.Unit);
        if (row.Baseline is { } baseline)
        {
            json.WriteNumber("baseline", baseline);
            json.WriteString("baselineName", row.BaselineName);
            json.WriteNumber("ratio", row.Ratio!.Value);
        }
    }

    private static string Heading(DateTimeOffset date) =>
        string.Create(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {date:yyyy-MM-dd HH:mm} UTC\n\n");

    private static string Baseline(BenchmarkRow? row) => row?.Baseline is { } b ? $"{Format(b)} ({row.BaselineName})" : "";

    private static string Ratio(BenchmarkRow? row) => row?.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Format(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
