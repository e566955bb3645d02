using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>Prints the rows as one markdown table and writes them as JSON.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<BenchmarkRow> rows, DateTimeOffset date)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {date:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine("| Suite | Case | Value | Unit | Baseline | Ratio |");
        text.AppendLine("|---|---|---:|---|---:|---:|");
        foreach (var row in rows)
        {
            var baseline = row.Baseline is { } b ? $"{Format(b)} ({row.BaselineName})" : "";
            var ratio = row.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Suite} | {row.Case} | {Format(row.Value)} | {row.Unit} | {baseline} | {ratio} |");
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

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Format(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
