using System.Globalization;
using Orchestrator.Native.Accounts;
using Orchestrator.Native.Paths;

namespace Orchestrator.Hosting;

/// <summary>
/// Who may connect to the API socket: its group and mode, resolved once at start (an unknown group stops
/// start-up naming <c>Orchestrator:SocketGroup</c>) and applied right after Kestrel bound the socket.
/// The directories from the run dir down to the socket get the same group, so that a member can reach
/// the socket; a socket outside the run dir lives in a directory the operator prepares.
/// </summary>
internal sealed record SocketAccess(uint Gid, string Group, UnixFileMode Mode)
{
    private const string GroupKey = OrchestratorOptions.Section + ":SocketGroup";

    // chown(2) reads (uid_t)-1 as "leave the owner alone".
    private const uint KeepOwner = uint.MaxValue;

    /// <summary>Looks the configured group up (NSS: getgrnam_r); the service's own group when none is configured.</summary>
    /// <exception cref="ConfigurationProblemException">No such group, or a gid out of range.</exception>
    public static SocketAccess Resolve(OrchestratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SocketGroup is not { } group)
        {
            var own = Groups.EffectiveGroupId();
            return new SocketAccess(own, own.ToString(CultureInfo.InvariantCulture), options.SocketMode);
        }

        if (group.All(char.IsAsciiDigit))
        {
            // (gid_t)-1 is chown's "unchanged", not a group.
            return uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var gid) && gid != KeepOwner
                ? new SocketAccess(gid, group, options.SocketMode)
                : throw new ConfigurationProblemException(GroupKey, $"gid {group} is out of range");
        }

        return Groups.FindGroupId(group) is { } found
            ? new SocketAccess(found, group, options.SocketMode)
            : throw new ConfigurationProblemException(GroupKey, $"no group named '{group}' (getgrnam_r found none; create it or use a numeric gid)");
    }

    /// <summary>
    /// The directories that get the socket's group: from <paramref name="runDir"/> down to the socket's
    /// directory when the socket is at or below the run dir; none otherwise (the service owns only its run dir).
    /// </summary>
    public static IReadOnlyList<string> DirectoriesToGroup(string socket, string runDir)
    {
        var directory = Path.GetDirectoryName(socket) ?? "/";
        var root = runDir.TrimEnd('/');
        if (directory != root && !directory.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return [];
        }

        var chain = new List<string> { root };
        foreach (var part in directory[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            chain.Add(chain[^1] + "/" + part);
        }

        return chain;
    }

    /// <summary>
    /// Gives the socket and the directories above it up to the run dir this group (their owner stays), the
    /// directories search permission for the group, and the socket its mode. Symlinks are changed themselves,
    /// never followed.
    /// </summary>
    public void Apply(string socket, string runDir)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var directory in DirectoriesToGroup(socket, runDir))
        {
            Ownership.ChangeOwner(directory, KeepOwner, Gid);
            var mode = File.GetUnixFileMode(directory);
            if ((mode & UnixFileMode.GroupExecute) == 0)
            {
                File.SetUnixFileMode(directory, mode | UnixFileMode.GroupExecute);
            }
        }

        Ownership.ChangeOwner(socket, KeepOwner, Gid);
        File.SetUnixFileMode(socket, Mode);
    }

    public override string ToString() =>
        (Group == Gid.ToString(CultureInfo.InvariantCulture) ? $"gid {Gid}" : $"group {Group} (gid {Gid})") + $", mode {OrchestratorOptions.Octal(Mode)}";
}
