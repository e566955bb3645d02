using System.Text;

namespace Orchestrator.Actors.Plans;

/// <summary>
/// systemd's path escaping (<c>systemd-escape --path</c>): a mount unit must be named after its
/// mount point, or systemd refuses to load it.
/// </summary>
public static class SystemdEscape
{
    public static string Path(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var trimmed = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length == 0)
        {
            return "-";
        }

        var sb = new StringBuilder(trimmed.Length);
        var bytes = Encoding.UTF8.GetBytes(trimmed);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '/')
            {
                sb.Append('-');
            }
            else if (IsPlain(b) && !(b == '.' && i == 0))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string MountUnit(string path) => Path(path) + ".mount";

    private static bool IsPlain(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
        or (byte)':' or (byte)'_' or (byte)'.';
}
