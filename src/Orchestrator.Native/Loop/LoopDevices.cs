using System.Globalization;

namespace Orchestrator.Native.Loop;

/// <summary>
/// Lists attached loop devices from sysfs (<c>/sys/block/loopN/loop/</c> exists only while a
/// backing file is bound), so leak checks and recovery can find devices attached to an image.
/// </summary>
public static class LoopDevices
{
    /// <summary>Every attached loop device, by number.</summary>
    public static IReadOnlyList<LoopDeviceInfo> List(string sysfsRoot = "/sys")
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        var block = Path.Combine(sysfsRoot, "block");
        if (!Directory.Exists(block))
        {
            return [];
        }

        var devices = new List<LoopDeviceInfo>();
        foreach (var directory in Directory.EnumerateFileSystemEntries(block, "loop*"))
        {
            var number = ParseNumber(Path.GetFileName(directory));
            if (number is null)
            {
                continue;
            }

            var info = TryRead(directory, number.Value);
            if (info is not null)
            {
                devices.Add(info);
            }
        }

        return devices.OrderBy(d => d.Number).ToArray();
    }

    /// <summary>The attached devices whose backing file is <paramref name="backingFile"/> (compared as printed by the kernel).</summary>
    public static IReadOnlyList<LoopDeviceInfo> FindByBackingFile(string backingFile, string sysfsRoot = "/sys")
    {
        ArgumentException.ThrowIfNullOrEmpty(backingFile);
        return List(sysfsRoot).Where(d => string.Equals(d.BackingFile, backingFile, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>N from a sysfs or /dev name <c>loopN</c>; null for anything else (<c>loop-control</c>).</summary>
    public static int? ParseNumber(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("loop", StringComparison.Ordinal)
            && name.Length > 4
            && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
    }

    /// <summary>A sysfs attribute's value without its trailing newline.</summary>
    public static string TrimAttribute(string text) => text.EndsWith('\n') ? text[..^1] : text;

    internal static LoopDeviceInfo? TryRead(string deviceDirectory, int number)
    {
        try
        {
            var backing = File.ReadAllText(Path.Combine(deviceDirectory, "loop", "backing_file"));
            var autoClear = File.ReadAllText(Path.Combine(deviceDirectory, "loop", "autoclear"));
            var readOnly = File.ReadAllText(Path.Combine(deviceDirectory, "ro"));
            return new LoopDeviceInfo(
                number,
                $"/dev/loop{number}",
                TrimAttribute(backing),
                TrimAttribute(autoClear) == "1",
                TrimAttribute(readOnly) == "1");
        }
        catch (Exception gone) when (gone is FileNotFoundException or DirectoryNotFoundException || IsDetaching(gone))
        {
            // Not attached, or detached while we read: not a device to report.
            return null;
        }
    }

    // A device detaching between the directory listing and the read answers ENXIO ("No such
    // device") from its loop/ attributes; it is as gone as one whose files have disappeared.
    private static bool IsDetaching(Exception e) =>
        e is IOException && (e.HResult == (int)Interop.Errno.ENXIO || e.Message.StartsWith("No such device", StringComparison.Ordinal));
}
