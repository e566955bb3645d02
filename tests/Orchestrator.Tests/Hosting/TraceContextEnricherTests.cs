using System.Diagnostics;
using Orchestrator.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Orchestrator.Tests.Hosting;

public sealed class TraceContextEnricherTests
{
    [Fact]
    public void Enrich_InsideASpan_AddsItsTraceAndSpanIdsAndTheConsoleShowsThem()
    {
        var events = new List<LogEvent>();
        using var logger = Logger(events);
        using var span = new Activity("step").SetIdFormat(ActivityIdFormat.W3C).Start();

        logger.Information("Sandbox {SandboxId} ready", "s1");

        var logged = Assert.Single(events);
        var traceId = span.TraceId.ToHexString();
        var spanId = span.SpanId.ToHexString();
        Assert.Equal(traceId, Scalar(logged, TraceContextEnricher.TraceIdProperty));
        Assert.Equal(spanId, Scalar(logged, TraceContextEnricher.SpanIdProperty));
        Assert.EndsWith($"Sandbox s1 ready trace={traceId} span={spanId}" + Environment.NewLine, Render(logged), StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_NoSpan_AddsNothingAndTheConsoleLineEndsWithTheMessage()
    {
        var events = new List<LogEvent>();
        using var logger = Logger(events);
        Activity.Current = null;

        logger.Information("Stopped cleanly");

        var logged = Assert.Single(events);
        Assert.False(logged.Properties.ContainsKey(TraceContextEnricher.TraceIdProperty));
        Assert.False(logged.Properties.ContainsKey(TraceContextEnricher.TraceContextProperty));
        Assert.EndsWith("] Stopped cleanly" + Environment.NewLine, Render(logged), StringComparison.Ordinal);
    }

    private static Logger Logger(List<LogEvent> events) =>
        new LoggerConfiguration().Enrich.With<TraceContextEnricher>().WriteTo.Sink(new ListSink(events)).CreateLogger();

    private static object? Scalar(LogEvent logged, string property) => Assert.IsType<ScalarValue>(logged.Properties[property]).Value;

    private static string Render(LogEvent logged)
    {
        using var text = new StringWriter();
        new MessageTemplateTextFormatter(TraceContextEnricher.ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture).Format(logged, text);
        return text.ToString();
    }

    private sealed class ListSink(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent);
    }
}
