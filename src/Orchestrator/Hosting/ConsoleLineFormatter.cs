using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Orchestrator.Hosting;

/// <summary>
/// One line per event, no colour codes: what a log reader that is not a terminal needs (the journal, a pipe,
/// a file). journald stores each line as its own entry, so a multi-line stack trace would become a dozen
/// entries without a level; here line breaks inside a message or an exception are written as <c>\n</c>.
/// With <paramref name="priorityPrefix"/> each line starts with its syslog priority (<c>&lt;3&gt;</c> for
/// errors), which journald reads as the entry's priority (its SyslogLevelPrefix), so <c>journalctl -p err</c> works.
/// </summary>
internal sealed class ConsoleLineFormatter(bool priorityPrefix) : ITextFormatter
{
    // journald adds its own timestamp; a pipe or a file gets the same clock the terminal output shows.
    // ":l" renders strings and enums bare; ":j" would quote an enum as JSON.
    private readonly MessageTemplateTextFormatter _line = new(
        priorityPrefix ? "[{Level:u3}] {Message:l}{TraceContext}" : "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:l}{TraceContext}");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _line.Format(logEvent, line);
        if (logEvent.Exception is { } exception)
        {
            line.Write(' ');
            line.Write(exception.ToString());
        }

        if (priorityPrefix)
        {
            output.Write('<');
            output.Write(Priority(logEvent.Level));
            output.Write('>');
        }

        output.Write(Flatten(line.ToString()));
        output.Write('\n');
    }

    /// <summary>The syslog priority journald files the entry under (syslog(3): 2 crit … 7 debug).</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    private static string Flatten(string text) =>
        text.TrimEnd('\r', '\n').Replace("\r\n", "\\n", StringComparison.Ordinal).Replace('\r', ' ').Replace("\n", "\\n", StringComparison.Ordinal);
}
