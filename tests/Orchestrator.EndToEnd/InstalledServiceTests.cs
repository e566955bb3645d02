using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Containers;
using Orchestrator.Api.Contracts;
using Orchestrator.EndToEnd.Support;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.EndToEnd;

/// <summary>
/// The service as a node runs it: published once, installed with scripts/install.sh below a temporary root,
/// its unit checked by systemd-analyze, and the installed binary started the way the unit starts it
/// (ExecStart, Environment, UMask, NoNewPrivileges and CapabilityBoundingSet read from the installed unit),
/// with a notification socket standing in for systemd.
/// </summary>
[Collection(PublishedTreeCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstalledServiceTests(PublishedTree published)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const string UnitPath = "etc/systemd/system/orchestrator.service";

    [RootFact]
    public void Install_DestRoot_LaysOutTreeLinkConfigurationAndUnit()
    {
        using var root = new ScratchDirectory();

        var (exitCode, output) = Install("--dest-root", root.Path);

        Assert.True(exitCode == 0, output);
        var lib = root.At("usr/local/lib/orchestrator");
        Assert.True((File.GetUnixFileMode(Path.Combine(lib, "orchestrator")) & UnixFileMode.UserExecute) != 0);
        Assert.True(File.Exists(Path.Combine(lib, "README.md")));
        var link = new FileInfo(root.At("usr/local/bin/orchestrator"));
        Assert.Equal("../lib/orchestrator/orchestrator", link.LinkTarget);
        Assert.Equal(Path.Combine(lib, "orchestrator"), link.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        var configuration = root.At("etc/orchestrator/appsettings.json");
        Assert.Equal(File.ReadAllText(Path.Combine(published.Path, "appsettings.json")), File.ReadAllText(configuration));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(configuration));
        Assert.Equal(File.ReadAllText(Path.Combine(PublishedTree.RepositoryRoot, "deploy", "orchestrator.service")), File.ReadAllText(root.At(UnitPath)));
    }

    [RootFact]
    public void Install_Again_KeepsTheOperatorsConfiguration()
    {
        using var root = new ScratchDirectory();
        Assert.Equal(0, Install("--dest-root", root.Path).ExitCode);
        var configuration = root.At("etc/orchestrator/appsettings.json");
        File.WriteAllText(configuration, """{"Orchestrator":{"RunDir":"/run/kept"}}""");

        var (exitCode, output) = Install("--dest-root", root.Path);

        Assert.True(exitCode == 0, output);
        Assert.Equal("""{"Orchestrator":{"RunDir":"/run/kept"}}""", File.ReadAllText(configuration));
        Assert.Contains("keeping", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root.At("usr/local/lib/orchestrator.old")));
    }

    [RootFact]
    public void Install_Prefix_ExecStartFollowsIt()
    {
        using var root = new ScratchDirectory();

        Assert.Equal(0, Install("--prefix", "/opt/orchestrator", "--dest-root", root.Path).ExitCode);

        Assert.Equal(["/opt/orchestrator/bin/orchestrator", "serve"], InstalledUnit.Parse(root.At(UnitPath)).ExecStart);
        Assert.True(File.Exists(root.At("opt/orchestrator/bin/orchestrator")));
    }

    [RootTheory]
    [InlineData("--bogus")]
    [InlineData("--prefix", "opt")]
    [InlineData("--dest-root")]
    [InlineData("--from", "/nonexistent/publish")]
    [InlineData("--enable")]
    public void Install_BadArguments_ExitTwoAndInstallNothing(params string[] args)
    {
        using var root = new ScratchDirectory();
        // --enable with --dest-root is refused; every other case gets the temporary root too, so nothing can reach /.
        string[] all = args is ["--dest-root"] ? args : [.. args, "--dest-root", root.Path];

        var (exitCode, output) = Programs.Run(Path.Combine(PublishedTree.RepositoryRoot, "scripts", "install.sh"), all, Timeout);

        Assert.True(exitCode == 2, output);
        Assert.StartsWith("install: ", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Path));
    }

    [RootFact]
    public void InstalledUnit_SystemdAnalyzeVerify_NoFindings()
    {
        using var root = new ScratchDirectory();
        Assert.Equal(0, Install("--dest-root", root.Path).ExitCode);
        // verify checks that ExecStart is executable: point it at the installed copy (the unit itself names /usr/local).
        var unit = root.At("verify/orchestrator.service");
        Directory.CreateDirectory(Path.GetDirectoryName(unit)!);
        File.WriteAllText(unit, File.ReadAllText(root.At(UnitPath)).Replace("ExecStart=/usr/local/", "ExecStart=" + root.Path + "/usr/local/", StringComparison.Ordinal));

        var (exitCode, output) = Programs.Run("systemd-analyze", ["verify", "--man=no", unit], Timeout);

        Assert.Equal(0, exitCode);
        Assert.True(output.Length == 0, output);
    }

    [RootFact]
    public async Task InstalledUnit_StartedAsItsExecStart_ReadyAfterRecoveryStoppingOnSigtermNothingLeftAfterKill()
    {
        using var ns = new MountNamespace();
        var root = Path.Combine(ns.Scratch, "root");
        Assert.Equal(0, Install("--dest-root", root).ExitCode);
        var unit = InstalledUnit.Parse(Path.Combine(root, UnitPath));
        var run = Path.Combine(ns.Scratch, "run");
        var state = Path.Combine(ns.Scratch, "state");
        Configure(root + unit.Environment["ORCHESTRATOR_CONFIG"], state, run);
        var image = Directory.CreateDirectory(Path.Combine(ns.Scratch, "images", "c1")).FullName;
        var binary = Path.Combine(root, "usr/local/lib/orchestrator/orchestrator");
        var socket = Path.Combine(run, "orchestrator.sock");

        await using (var notify = new NotifySocket(Path.Combine(ns.Scratch, "notify-1.sock")))
        await using (var first = StartAsUnit(ns, root, unit, notify.Path, socket, run))
        {
            Assert.True(await notify.WaitForAsync("READY=1", Timeout) is not null, first.Output);
            // The binary is the process: nothing stands between the service manager and the server.
            Assert.Equal(binary, new FileInfo($"/proc/{first.Pid}/exe").LinkTarget);
            await (await first.Client.PostJsonAsync("/v1/sandboxes", Requests.Sandbox("s1"))).ExpectAsync<SandboxResponse>(HttpStatusCode.Created);
            await (await first.Client.PostJsonAsync("/v1/sandboxes/s1/containers", Requests.BindContainer("c1", image))).ExpectAsync<ContainerPlanResponse>(HttpStatusCode.Created);

            // UMask=0077 leaves the modes the service sets itself alone and makes what it does not set root's only.
            Assert.Equal(Mode("0660"), FileStat.Lstat(socket).Permissions);
            Assert.Equal(Mode("0750"), FileStat.Lstat(run).Permissions);
            Assert.Equal(Mode("0600"), FileStat.Lstat(Path.Combine(state, "journal.db")).Permissions);
            // The installed CLI, given the unit's configuration file and nothing else, finds the service and its journal.
            var config = new Dictionary<string, string> { ["ORCHESTRATOR_CONFIG"] = root + unit.Environment["ORCHESTRATOR_CONFIG"] };
            var status = Programs.Run(binary, ["status", "--json"], Timeout, config);
            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("\"sandboxes\":1", status.Output, StringComparison.Ordinal);
            var ids = Programs.Run(binary, ["journal", "ids"], Timeout, config);
            Assert.True(ids.ExitCode == 0, ids.Output);
            Assert.Contains($"journal: sqlite {Path.Combine(state, "journal.db")}", ids.Output, StringComparison.Ordinal);
            Assert.Contains("sandboxes", ids.Output, StringComparison.Ordinal);
            var namespaceNote = $"mount namespace {new FileInfo(ns.NamespacePath).LinkTarget} ({ExpectedNamespaceNote})";
            Assert.True(await Poll.UntilAsync(() => first.OutputContains(namespaceNote), attempts: 200), first.Output);

            first.Terminate();
            Assert.NotNull(await notify.WaitForAsync("STOPPING=1", Timeout));
            Assert.Equal(0, await first.WaitForExitAsync(Timeout));
            AssertOneLinePerEventWithoutColour(first.Output);
        }

        await using (var notify = new NotifySocket(Path.Combine(ns.Scratch, "notify-2.sock")))
        await using (var second = StartAsUnit(ns, root, unit, notify.Path, socket, run))
        {
            var ready = await notify.WaitForAsync("READY=1", Timeout);

            // What a VM manager ordered after the unit sees first: the container as it really is.
            Assert.True(ready is not null, second.Output);
            var container = await (await second.Client.GetAsync("/v1/sandboxes/s1/containers/c1")).ExpectAsync<ContainerResponse>(HttpStatusCode.OK);
            Assert.Equal(ContainerLifecycle.Running, container.Lifecycle);
            Assert.StartsWith("STATUS=recovering", notify.Seen[0], StringComparison.Ordinal);
            Assert.Contains("STATUS=ready: recovered 1 sandbox, 1 container in ", ready, StringComparison.Ordinal);
            // The line is written before READY=1 is sent, but read from the pipe on its own schedule.
            Assert.True(await Poll.UntilAsync(() => second.OutputContains("Ready: recovered sandboxes=1 containers=1"), attempts: 200), second.Output);

            second.Terminate();
            Assert.NotNull(await notify.WaitForAsync("STOPPING=1", Timeout));
            Assert.Equal(0, await second.WaitForExitAsync(Timeout));
        }

        await using (var notify = new NotifySocket(Path.Combine(ns.Scratch, "notify-3.sock")))
        await using (var third = StartAsUnit(ns, root, unit, notify.Path, socket, run, journal: true))
        {
            Assert.True(await notify.WaitForAsync("READY=1", Timeout) is not null, third.Output);
            // Writing to the journal: each line carries its priority for journald, and no clock of its own.
            Assert.True(await Poll.UntilAsync(() => third.OutputContains("<6>[INF] Ready: recovered sandboxes=1 containers=1"), attempts: 200), third.Output);
            Assert.All(third.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(@"^<[2-7]>\[(VRB|DBG|INF|WRN|ERR|FTL)\] ", line));

            Process.GetProcessById(third.Pid).Kill();
            Assert.Equal(137, await third.WaitForExitAsync(Timeout));

            Assert.DoesNotContain(binary, RunningExecutables());
        }
    }

    private (int ExitCode, string Output) Install(params string[] args) =>
        Programs.Run(Path.Combine(PublishedTree.RepositoryRoot, "scripts", "install.sh"), ["--from", published.Path, .. args], Timeout);

    private static void Configure(string path, string state, string run)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["Orchestrator"]!["StateDir"] = state;
        json["Orchestrator"]!["RunDir"] = run;
        File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>
    /// What systemd does for this unit, as far as it can be done without it: the unit's environment alone plus
    /// NOTIFY_SOCKET, its umask, no new privileges and its capability bounding set, then exec of ExecStart.
    /// Paths in the unit are read below the temporary root.
    /// </summary>
    private static OrchestratorServer StartAsUnit(MountNamespace ns, string root, InstalledUnit unit, string notifySocket, string socket, string run, bool journal = false)
    {
        var bounding = string.Join(',', ["-all", .. unit.CapabilityBoundingSet.Select(c => "+" + c["CAP_".Length..].ToLowerInvariant())]);
        // With journal, stdout is announced the way systemd announces a journal stream: JOURNAL_STREAM=<st_dev>:<st_ino>
        // of the shell's own stdout (the pipe the test reads), which the service then inherits.
        var announce = journal ? "export JOURNAL_STREAM=$(stat -L -c %d:%i /proc/$$/fd/1) && " : "";
        List<string> args = ["--mount=" + ns.NamespacePath, "--", "/bin/sh", "-c", announce + "umask \"$1\" && shift && exec \"$@\"", "sh", unit.UMask ?? "0022", "/usr/bin/setpriv"];
        if (unit.NoNewPrivileges)
        {
            args.Add("--no-new-privs");
        }

        args.AddRange(["--bounding-set", bounding, "--", root + unit.ExecStart[0], .. unit.ExecStart.Skip(1)]);
        var info = new ProcessStartInfo("/usr/bin/nsenter", args);
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var (key, value) in unit.Environment)
        {
            info.Environment[key] = value.StartsWith('/') ? root + value : value;
        }

        info.Environment["NOTIFY_SOCKET"] = notifySocket;
        return OrchestratorServer.Start(info, socket, run);
    }

    private static void AssertOneLinePerEventWithoutColour(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^\[\d\d:\d\d:\d\d (VRB|DBG|INF|WRN|ERR|FTL)\] ", line));
    }

    /// <summary>
    /// What the start-up line says about a server started in a test's namespace: not PID 1's, or, where even
    /// root may not read PID 1's namespace link (some sandboxes), that this is unknown and why.
    /// </summary>
    internal static string ExpectedNamespaceNote
    {
        get
        {
            try
            {
                Links.Read("/proc/1/ns/mnt");
                return "not PID 1's: started inside another namespace";
            }
            catch (Orchestrator.Native.Interop.NativeCallException e)
            {
                return "whether it is PID 1's is unknown: " + e.Message;
            }
        }
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static IEnumerable<string?> RunningExecutables() =>
        Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Select(d =>
        {
            try
            {
                return new FileInfo(Path.Combine(d, "exe")).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that exited while being listed, or a kernel thread.
                return null;
            }
        });

    private sealed class ScratchDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("orchestrator-install-").FullName;

        public string At(string relative) => System.IO.Path.Combine(Path, relative);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
