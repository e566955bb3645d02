using System.Globalization;
using System.Text;

namespace Orchestrator.Native.MountTables;

/// <summary>
/// Parses /proc/[pid]/mountinfo (proc(5)). Parsing is pure; only the Read methods touch /proc.
/// </summary>
/// <remarks>
/// <code>
/// 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
/// (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
/// </code>
/// (7) is zero or more fields ended by the single hyphen (8). The kernel escapes space, tab,
/// newline and backslash in (4), (5) and (10) as <c>\040</c>, <c>\011</c>, <c>\012</c>, <c>\134</c>.
/// </remarks>
public static class MountInfo
{
    /// <summary>The calling process's mount namespace (the thread-group leader's view).</summary>
    public const string SelfPath = "/proc/self/mountinfo";

    /// <summary>The calling thread's mount namespace (since 3.17), which differs after a per-thread unshare.</summary>
    public const string ThreadPath = "/proc/thread-self/mountinfo";

    /// <summary>Reads the table of the process's mount namespace.</summary>
    public static MountTable ReadSelf() => ParseTable(File.ReadAllText(SelfPath));

    /// <summary>Reads the table of the calling thread's mount namespace.</summary>
    public static MountTable ReadThread() => ParseTable(File.ReadAllText(ThreadPath));

    /// <summary>
    /// Parses a whole mountinfo text into a table. A line that does not parse is skipped and kept
    /// in <see cref="MountTable.Skipped"/> for the caller to log: one odd host mount must not make
    /// the whole table, and with it the service, unusable.
    /// </summary>
    public static MountTable ParseTable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var entries = new List<MountInfoEntry>(count);
        var skipped = new List<SkippedMountInfoLine>();
        for (var i = 0; i < count; i++)
        {
            if (TryParse(lines[i], out var entry) is { } problem)
            {
                skipped.Add(new SkippedMountInfoLine(i + 1, lines[i], problem));
                continue;
            }

            entries.Add(entry!);
        }

        return new MountTable(entries, skipped);
    }

    /// <summary>The entries of every line that parses (see <see cref="ParseTable"/> for what was skipped).</summary>
    public static IReadOnlyList<MountInfoEntry> Parse(string text) => ParseTable(text).Entries;

    /// <summary>Parses one line; false when it is malformed.</summary>
    public static bool TryParseLine(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MountInfoEntry? entry) =>
        TryParse(line, out entry) is null;

    /// <summary>Decodes the kernel's <c>\ooo</c> octal escapes; other bytes pass through.</summary>
    public static string Unescape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!field.Contains('\\'))
        {
            return field;
        }

        // Escapes stand for bytes, and a path may be any bytes; decode them as UTF-8 together.
        var source = Encoding.UTF8.GetBytes(field);
        var bytes = new List<byte>(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\\' && i + 3 < source.Length && IsOctal(source, i + 1))
            {
                bytes.Add((byte)(((source[i + 1] - '0') << 6) | ((source[i + 2] - '0') << 3) | (source[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(source[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(byte[] source, int start)
    {
        for (var k = start; k < start + 3; k++)
        {
            if (source[k] < '0' || source[k] > '7')
            {
                return false;
            }
        }

        // \400 and above do not fit a byte; the kernel never writes them.
        return source[start] <= '3';
    }

    // Returns null on success, or what is wrong with the line.
    private static string? TryParse(string line, out MountInfoEntry? entry)
    {
        entry = null;
        var fields = line.Split(' ');
        if (fields.Length < 10)
        {
            return $"expected at least 10 space-separated fields, found {fields.Length}";
        }

        var separator = Array.IndexOf(fields, "-", 6);
        if (separator < 0)
        {
            return "missing the '-' separator after the optional fields";
        }

        if (fields.Length - separator - 1 < 3)
        {
            return $"expected at least 3 fields after '-', found {fields.Length - separator - 1}";
        }

        // (1) mount ID, (2) parent ID
        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var mountId))
        {
            return $"mount id '{fields[0]}' is not a number";
        }

        if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parentId))
        {
            return $"parent id '{fields[1]}' is not a number";
        }

        // (3) major:minor
        var colon = fields[2].IndexOf(':', StringComparison.Ordinal);
        if (colon < 0
            || !uint.TryParse(fields[2].AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !uint.TryParse(fields[2].AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return $"device '{fields[2]}' is not major:minor";
        }

        // (4) root, (5) mount point
        if (fields[3].Length == 0 || fields[4].Length == 0)
        {
            return "empty root or mount point";
        }

        entry = new MountInfoEntry(
            MountId: mountId,
            ParentId: parentId,
            Major: major,
            Minor: minor,
            Root: Unescape(fields[3]),
            MountPoint: Unescape(fields[4]),
            Options: SplitOptions(fields[5]),                       // (6)
            OptionalFields: fields[6..separator],                   // (7), ended by (8) "-"
            FsType: fields[separator + 1],                          // (9)
            Source: Unescape(fields[separator + 2]),                // (10)
            // (11) is the rest of the line: the kernel escapes (4), (5) and (10), but a file system's
            // show_options may print a value as given (older CIFS prints username= and domain=
            // with their spaces), so a space there does not start a new field.
            SuperOptions: SplitOptions(string.Join(' ', fields[(separator + 3)..])));
        return null;
    }

    private static string[] SplitOptions(string field) =>
        field.Length == 0 ? [] : field.Split(',');
}
