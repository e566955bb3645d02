using Orchestrator.EndToEnd.Support;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>Orchestrator:SocketGroup and SocketMode on the real socket, and who can connect.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SocketAccessTests
{
    private const UnixFileMode Mode0660 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private const UnixFileMode Mode0750 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const uint Nobody = 65534;

    // Connects and sends one request; prints the status line or the errno's exception.
    private const string Connect = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sys.argv[1])
        s.sendall(b"GET /v1/health HTTP/1.0\r\nHost: orchestrator\r\n\r\n")
        print(s.recv(64).split(b"\r\n")[0].decode())
        """;

    [RootFact]
    public async Task SocketGroup_TemporaryGroup_MemberConnectsOthersRefused()
    {
        using var group = TemporaryGroup.Create();
        using var ns = new MountNamespace();
        LetOthersTraverse(ns.Scratch);

        await using var server = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string> { ["ORCHESTRATOR__SOCKETGROUP"] = group.Name });

        var socket = FileStat.Lstat(server.Socket);
        Assert.Equal(FileType.Socket, socket.Type);
        Assert.Equal((0u, group.Gid, Mode0660), (socket.Uid, socket.Gid, socket.Permissions));
        foreach (var directory in new[] { server.RunDir, Path.GetDirectoryName(server.Socket)! })
        {
            var status = FileStat.Lstat(directory);
            Assert.Equal((0u, group.Gid, Mode0750), (status.Uid, status.Gid, status.Permissions));
        }

        // Health can answer before the start-up line is written: wait for it, boundedly.
        Assert.True(await Poll.UntilAsync(() => server.OutputContains($"group {group.Name} (gid {group.Gid}), mode 0660"), attempts: 200), server.Output);
        var member = ConnectAs(["--reuid", group.MemberUid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--regid", Nobody.ToString(System.Globalization.CultureInfo.InvariantCulture), "--init-groups"], server.Socket);
        Assert.True(member.ExitCode == 0 && member.Output.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), member.Output);
        var outsider = ConnectAs(["--reuid", "65534", "--regid", "65534", "--clear-groups"], server.Socket);
        Assert.NotEqual(0, outsider.ExitCode);
        Assert.Contains("PermissionError", outsider.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task SocketMode_0600_GroupMembersRefused()
    {
        using var group = TemporaryGroup.Create();
        using var ns = new MountNamespace();
        LetOthersTraverse(ns.Scratch);

        await using var server = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string>
        {
            ["ORCHESTRATOR__SOCKETGROUP"] = group.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORCHESTRATOR__SOCKETMODE"] = "0600",
        });

        Assert.Equal((group.Gid, UnixFileMode.UserRead | UnixFileMode.UserWrite), (FileStat.Lstat(server.Socket).Gid, FileStat.Lstat(server.Socket).Permissions));
        var member = ConnectAs(["--reuid", group.MemberUid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--regid", "65534", "--init-groups"], server.Socket);
        Assert.Contains("PermissionError", member.Output, StringComparison.Ordinal);
        Assert.True(await server.IsHealthyAsync());
    }

    [RootTheory]
    [InlineData("ORCHESTRATOR__SOCKETGROUP", "orchestrator-no-such-group", "Orchestrator:SocketGroup: no group named 'orchestrator-no-such-group'")]
    [InlineData("ORCHESTRATOR__SOCKETMODE", "0666", "Orchestrator:SocketMode: 0666 gives others access")]
    [InlineData("ORCHESTRATOR__SOCKETMODE", "0770", "Orchestrator:SocketMode: 0770 sets execute")]
    [InlineData("ORCHESTRATOR_CONFIG", "/nonexistent/appsettings.json", "ORCHESTRATOR_CONFIG: configuration file '/nonexistent/appsettings.json' does not exist")]
    public async Task Serve_BadSocketOrConfigSetting_ExitsTwoNamingItAndCreatesNothing(string variable, string value, string expected)
    {
        using var ns = new MountNamespace();

        var (exitCode, stderr) = await OrchestratorServer.RunToExitAsync(new Dictionary<string, string> { [variable] = value }, ns);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.EnumerateFileSystemEntries(ns.Scratch));
    }

    [RootFact]
    public async Task MountNamespace_Private_LogsTheUnsharedNamespace()
    {
        using var ns = new MountNamespace();

        await using var server = await OrchestratorServer.StartAsync(ns, new Dictionary<string, string> { ["ORCHESTRATOR__NATIVE__MOUNTNAMESPACE"] = "private" });

        var keeper = new FileInfo(ns.NamespacePath).LinkTarget!;
        Assert.True(await Poll.UntilAsync(() => server.OutputContains("Listening on"), attempts: 200), server.Output);
        var line = Assert.Single(server.Output.Split('\n'), l => l.Contains("Listening on", StringComparison.Ordinal));
        Assert.Matches(@"mount namespace mnt:\[\d+\] \(private: unshared at start\)\)$", line);
        Assert.DoesNotContain(keeper, line, StringComparison.Ordinal);
    }

    // The scratch dir is 0700 root's; the run dir below it is what the tests are about.
    private static void LetOthersTraverse(string directory) =>
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

    private static (int ExitCode, string Output) ConnectAs(string[] identity, string socket) =>
        Programs.Run("/usr/bin/setpriv", [.. identity, "--", "/usr/bin/python3", "-c", Connect, socket], TimeSpan.FromSeconds(30));
}
