using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Api;

/// <summary>One instrument's series (one per label set) and how they are written as Prometheus text.</summary>
internal sealed class MetricFamily(Instrument instrument)
{
    /// <summary>Bucket upper bounds in seconds, from sub-millisecond journal writes to slow teardowns.</summary>
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly SortedDictionary<string, Series> _series = new(StringComparer.Ordinal);

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    public string Name { get; } = instrument.Name;

    private Kind Type { get; } = instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => Kind.Counter,
        Histogram<long> or Histogram<int> or Histogram<double> => Kind.Histogram,
        _ => Kind.Gauge,
    };

    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<KeyValuePair<string, object?>>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add(tag);
        }

        return string.Join(',', pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{Escape(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty)}\""));
    }

    public void Record(string labels, double value)
    {
        if (!_series.TryGetValue(labels, out var series))
        {
            series = new Series(Type == Kind.Histogram ? new long[Buckets.Length] : []);
            _series[labels] = series;
        }

        switch (Type)
        {
            case Kind.Counter:
                series.Sum += value;
                break;
            case Kind.Gauge:
                series.Sum = value;
                break;
            default:
                series.Sum += value;
                series.Count++;
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (value <= Buckets[i])
                    {
                        series.BucketCounts[i]++;
                    }
                }

                break;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        var name = Type == Kind.Counter ? Name + "_total" : Name;
        if (!string.IsNullOrEmpty(instrument.Description))
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }

        text.Append("# TYPE ").Append(name).Append(' ').Append(Type.ToString().ToLowerInvariant()).Append('\n');
        foreach (var (labels, series) in _series)
        {
            if (Type != Kind.Histogram)
            {
                Sample(text, name, labels, series.Sum);
                continue;
            }

            for (var i = 0; i < Buckets.Length; i++)
            {
                Sample(text, Name + "_bucket", Join(labels, $"le=\"{Number(Buckets[i])}\""), series.BucketCounts[i]);
            }

            Sample(text, Name + "_bucket", Join(labels, "le=\"+Inf\""), series.Count);
            Sample(text, Name + "_sum", labels, series.Sum);
            Sample(text, Name + "_count", labels, series.Count);
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series(long[] bucketCounts)
    {
        public double Sum { get; set; }

        public long Count { get; set; }

        public long[] BucketCounts { get; } = bucketCounts;
    }
}
