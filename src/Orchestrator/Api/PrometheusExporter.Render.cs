using System.Text;

namespace Orchestrator.Api;

public sealed partial class PrometheusExporter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The current values in the text exposition format, families sorted by name.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        lock (_lock)
        {
            // Observable gauges report only when asked; their callbacks land in Record under this lock's re-entry.
            _listener.RecordObservableInstruments();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.WriteTo(text);
            }
        }

        return text.ToString();
    }
}
