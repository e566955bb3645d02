using System.Globalization;
using Orchestrator.Native.Paths;
using Serilog;

namespace Orchestrator.Hosting;

/// <summary>
/// The console sink used when <c>Serilog:WriteTo</c> names none: Serilog's coloured, multi-line output on a
/// terminal; <see cref="ConsoleLineFormatter"/> everywhere else, with journald priorities when standard
/// output is the journal (a systemd service).
/// </summary>
internal static class ConsoleSink
{
    public static LoggerConfiguration Add(LoggerConfiguration logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return Console.IsOutputRedirected
            ? logger.WriteTo.Console(new ConsoleLineFormatter(priorityPrefix: StandardOutputIsJournal()))
            : logger.WriteTo.Console(outputTemplate: TraceContextEnricher.ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// systemd passes <c>JOURNAL_STREAM=&lt;st_dev&gt;:&lt;st_ino&gt;</c> of the stream it connected to the
    /// journal (systemd.exec(5)); the variable is inherited, so it counts only when it matches standard output itself.
    /// </summary>
    public static bool StandardOutputIsJournal() =>
        Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 } stream
        && !OperatingSystem.IsWindows()
        && File.Exists("/proc/self/fd/1")
        && stream == Identity(FileStat.Stat("/proc/self/fd/1"));

    /// <summary><c>st_dev:st_ino</c> as systemd prints it: the dev_t glibc's makedev builds from major and minor.</summary>
    public static string Identity(FileStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        ulong major = status.DeviceMajor, minor = status.DeviceMinor;
        var device = ((major & 0xfffff000UL) << 32) | ((major & 0xfffUL) << 8) | ((minor & 0xffffff00UL) << 12) | (minor & 0xffUL);
        return device.ToString(CultureInfo.InvariantCulture) + ":" + status.Inode.ToString(CultureInfo.InvariantCulture);
    }
}
