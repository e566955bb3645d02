using System.Globalization;
using System.Text;

namespace Orchestrator.EndToEnd.Support;

/// <summary>One sample of a scrape: <c>name{label="value",…} value</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>True when every label in <paramref name="labels"/> ("key=value") has that value; others may be present too.</summary>
    public bool Has(params string[] labels) =>
        labels.All(l => l.Split('=', 2) is [var key, var value] && Labels.TryGetValue(key, out var actual) && actual == value);
}

/// <summary>Reads the Prometheus text exposition format: the samples and the <c># TYPE</c> of each family.</summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Family name → counter, gauge, histogram, …</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<PrometheusSample> Named(string name) => Samples.Where(s => s.Name == name);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                samples.Add(Sample(line));
            }
        }

        return new PrometheusText(samples, types);
    }

    private static PrometheusSample Sample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (brace < 0 || brace > space)
        {
            return new PrometheusSample(line[..space], labels, Number(line[(space + 1)..]));
        }

        var i = brace + 1;
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var key = line[i..equals];
            var value = new StringBuilder();
            for (i = equals + 2; line[i] != '"'; i++)
            {
                value.Append(line[i] == '\\' ? line[++i] switch { 'n' => '\n', var c => c } : line[i]);
            }

            labels[key] = value.ToString();
            i += line[i + 1] == ',' ? 2 : 1;
        }

        return new PrometheusSample(line[..brace], labels, Number(line[(i + 2)..]));
    }

    // A sample may end with a timestamp after the value.
    private static double Number(string text) => text.Split(' ')[0] switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var v => double.Parse(v, CultureInfo.InvariantCulture),
    };
}
