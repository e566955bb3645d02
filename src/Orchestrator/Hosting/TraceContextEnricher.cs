using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace Orchestrator.Hosting;

/// <summary>
/// Adds the current span's <c>TraceId</c> and <c>SpanId</c> to a log event written while one is current
/// (an API request, an actor's step, a native call), and <c>TraceContext</c>, the same two ready to print:
/// Serilog's output templates have no conditionals, and a property that is absent prints nothing, so the
/// console shows <c> trace=… span=…</c> only on lines that belong to a trace.
/// </summary>
public sealed class TraceContextEnricher : ILogEventEnricher
{
    public const string TraceIdProperty = "TraceId";
    public const string SpanIdProperty = "SpanId";
    public const string TraceContextProperty = "TraceContext";

    /// <summary>Serilog's default console template, with the trace context at the end of the message when there is one.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{TraceContext}{NewLine}{Exception}";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (Activity.Current is not { } activity || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        var traceId = activity.TraceId.ToHexString();
        var spanId = activity.SpanId.ToHexString();
        logEvent.AddPropertyIfAbsent(new LogEventProperty(TraceIdProperty, new ScalarValue(traceId)));
        logEvent.AddPropertyIfAbsent(new LogEventProperty(SpanIdProperty, new ScalarValue(spanId)));
        logEvent.AddPropertyIfAbsent(new LogEventProperty(TraceContextProperty, new ScalarValue($" trace={traceId} span={spanId}")));
    }
}
