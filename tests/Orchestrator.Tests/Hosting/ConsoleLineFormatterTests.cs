using Orchestrator.Hosting;
using Orchestrator.Native.Paths;
using Serilog.Events;
using Serilog.Parsing;

namespace Orchestrator.Tests.Hosting;

public sealed class ConsoleLineFormatterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Format_MultiLineMessageAndException_OneLineWithoutColour(bool priorityPrefix)
    {
        var output = new StringWriter();
        Exception exception;
        try
        {
            throw new InvalidOperationException("first line\nsecond line");
        }
        catch (InvalidOperationException e)
        {
            exception = e;
        }

        new ConsoleLineFormatter(priorityPrefix).Format(Event(LogEventLevel.Error, "teardown of {SandboxId} failed:\r\nbusy", exception, ("SandboxId", "s1")), output);

        var text = output.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("teardown of s1 failed:\\nbusy InvalidOperationException: first line\\nsecond line", text.Replace("System.", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(priorityPrefix, text.StartsWith("<3>[ERR] ", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_EnumProperty_RenderedBare()
    {
        var output = new StringWriter();

        new ConsoleLineFormatter(priorityPrefix: true).Format(Event(LogEventLevel.Information, "journal {JournalProvider}", null, ("JournalProvider", Orchestrator.Actors.Persistence.Sql.JournalProvider.Sqlite)), output);

        Assert.Equal("<6>[INF] journal Sqlite\n", output.ToString());
    }

    [Theory]
    [InlineData(LogEventLevel.Fatal, 2)]
    [InlineData(LogEventLevel.Error, 3)]
    [InlineData(LogEventLevel.Warning, 4)]
    [InlineData(LogEventLevel.Information, 6)]
    [InlineData(LogEventLevel.Debug, 7)]
    [InlineData(LogEventLevel.Verbose, 7)]
    public void Priority_Level_SyslogPriority(LogEventLevel level, int priority) => Assert.Equal(priority, ConsoleLineFormatter.Priority(level));

    [Theory]
    [InlineData(0u, 8u, 4711ul, "8:4711")]
    [InlineData(8u, 1u, 12ul, "2049:12")]
    [InlineData(259u, 0u, 5ul, "66304:5")]
    [InlineData(0u, 300u, 1ul, "1048620:1")]
    public void Identity_MajorMinor_AsGlibcMakedev(uint major, uint minor, ulong inode, string expected) =>
        Assert.Equal(expected, ConsoleSink.Identity(new FileStatus(FileType.Socket, 0, 0, 0, 0, inode, major, minor, 0, 0, null, null)));

    [Fact]
    public void StandardOutputIsJournal_NoJournalStream_False()
    {
        // The test host is not a systemd service; JOURNAL_STREAM, if inherited at all, names another stream.
        Assert.False(ConsoleSink.StandardOutputIsJournal() && Environment.GetEnvironmentVariable("JOURNAL_STREAM") is null);
    }

    private static LogEvent Event(LogEventLevel level, string template, Exception? exception, params (string Name, object Value)[] properties) =>
        new(DateTimeOffset.UnixEpoch, level, exception, new MessageTemplateParser().Parse(template),
            [.. properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value)))]);
}
