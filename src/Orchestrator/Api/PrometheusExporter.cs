using System.Diagnostics.Metrics;
using Orchestrator.Actors.Metrics;

namespace Orchestrator.Api;

/// <summary>
/// Collects the <c>Orchestrator</c> meter (and the API's own request instruments) with a
/// <see cref="MeterListener"/> and renders them in the Prometheus text exposition format. Counters
/// are cumulative since start; observable gauges are read at scrape time.
/// </summary>
public sealed partial class PrometheusExporter : IDisposable
{
    public const string HttpMeterName = "Orchestrator.Http";

    private readonly Lock _lock = new();
    private readonly Dictionary<Instrument, MetricFamily> _families = [];
    private readonly MeterListener _listener = new();
    private readonly Meter _httpMeter = new(HttpMeterName, "1.0");
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestSeconds;

    public PrometheusExporter()
    {
        _requests = _httpMeter.CreateCounter<long>("orchestrator_http_requests", description: "API requests, by route template, method and status");
        _requestSeconds = _httpMeter.CreateHistogram<double>("orchestrator_http_request_duration_seconds", unit: "s", description: "API request duration, by route template and method");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrchestratorMetrics.MeterName || ReferenceEquals(instrument.Meter, _httpMeter))
            {
                lock (_lock)
                {
                    _families[instrument] = new MetricFamily(instrument);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void RecordRequest(string route, string method, int status, TimeSpan elapsed)
    {
        _requests.Add(1, new("route", route), new("method", method), new("status", status));
        _requestSeconds.Record(elapsed.TotalSeconds, new("route", route), new("method", method));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _httpMeter.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = MetricFamily.Labels(tags);
        lock (_lock)
        {
            if (_families.TryGetValue(instrument, out var family))
            {
                family.Record(labels, value);
            }
        }
    }
}
