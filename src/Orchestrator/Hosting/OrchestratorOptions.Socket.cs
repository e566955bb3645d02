using Microsoft.Extensions.Configuration;

namespace Orchestrator.Hosting;

public sealed partial record OrchestratorOptions
{
    /// <summary>The socket's mode when none is configured: owner and group read and write.</summary>
    public const UnixFileMode DefaultSocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    private const UnixFileMode OthersBits = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
    private const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode SpecialBits = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit;

    /// <summary>
    /// <c>Orchestrator:SocketGroup</c>: the group (a name, looked up through NSS at start, or a numeric gid) that
    /// owns the socket and the directories from the run dir down to it, so that a VM manager running as a
    /// member can connect. Null: the service's own group.
    /// </summary>
    public string? SocketGroup { get; init; }

    /// <summary><c>Orchestrator:SocketMode</c>: the socket's permission bits; never any for others, never execute.</summary>
    public UnixFileMode SocketMode { get; init; } = DefaultSocketMode;

    private static string? Group(IConfiguration section)
    {
        if (Text(section, "SocketGroup") is not { } value)
        {
            return null;
        }

        // What useradd/groupadd accept is narrower; what can never be a group name in /etc/group is refused here.
        return value.Length <= 256 && !value.Any(c => c == ':' || c == ',' || char.IsWhiteSpace(c) || char.IsControl(c))
            ? value
            : throw Problem("SocketGroup", $"'{value}' is not a group name or a numeric gid");
    }

    private static UnixFileMode Mode(IConfiguration section)
    {
        if (Text(section, "SocketMode") is not { } value)
        {
            return DefaultSocketMode;
        }

        var digits = value.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        if (digits.Length is < 3 or > 4 || !digits.All(c => c is >= '0' and <= '7'))
        {
            throw Problem("SocketMode", $"must be an octal mode such as \"0660\", got '{value}'");
        }

        var mode = (UnixFileMode)Convert.ToInt32(digits, 8);
        if ((mode & OthersBits) != 0)
        {
            throw Problem("SocketMode", $"{value} gives others access: whoever can connect can mount, so others get none (use Orchestrator:SocketGroup)");
        }

        if ((mode & (ExecuteBits | SpecialBits)) != 0)
        {
            throw Problem("SocketMode", $"{value} sets execute, setuid, setgid or sticky bits, which mean nothing on a socket; use read and write bits only, such as 0660");
        }

        return mode;
    }

    /// <summary>The mode as octal text (<c>0660</c>), for messages and logs.</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');
}
