using System.Diagnostics;

namespace Orchestrator.EndToEnd.Support;

/// <summary>
/// A private mount namespace kept alive by a sleeping process, so that it outlives each server
/// process started in it, like a host's namespace; with a scratch directory for state, run dir
/// and images. Dispose kills the keeper, which takes the namespace and whatever is still mounted
/// in it away.
/// </summary>
public sealed class MountNamespace : IDisposable
{
    private readonly Process _keeper;

    public MountNamespace()
    {
        Scratch = Directory.CreateTempSubdirectory("orchestrator-e2e-").FullName;
        _keeper = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "sleep", "infinity"])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start the namespace keeper");

        // unshare execs sleep after it unshared: the namespace differs from ours once that happened.
        var ours = new FileInfo("/proc/self/ns/mnt").LinkTarget;
        if (!Poll.UntilAsync(() => new FileInfo(NamespacePath).LinkTarget != ours, attempts: 200, intervalMs: 10).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("the namespace keeper never entered its namespace");
        }
    }

    public int KeeperPid => _keeper.Id;

    public string NamespacePath => $"/proc/{_keeper.Id}/ns/mnt";

    public string Scratch { get; }

    /// <summary>Mount points at or below <paramref name="prefix"/> as the namespace sees them.</summary>
    public IReadOnlyList<string> MountsUnder(string prefix) => MountInfo.MountPointsUnder($"/proc/{_keeper.Id}/mountinfo", prefix);

    /// <summary>Runs a command inside the namespace (umount, mount) and returns its exit code.</summary>
    public int Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("nsenter", [$"--mount={NamespacePath}", "--", command, .. args])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        _keeper.Kill();
        _keeper.WaitForExit();
        _keeper.Dispose();
        Directory.Delete(Scratch, recursive: true);
    }
}
