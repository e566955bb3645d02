using System.Diagnostics;
using Orchestrator.Native.MountTables;

namespace Orchestrator.TestKit.Processes;

/// <summary>
/// A process that only holds a private mount namespace (<c>unshare --mount --propagation private
/// sleep infinity</c>). Servers started inside it with <see cref="OrchestratorServer"/> share that
/// namespace, so their mounts outlive a crashed server exactly as they outlive it on a real host,
/// while nothing reaches the mount table of the process running the tests. Disposing it kills the
/// keeper; the kernel then drops the namespace and everything still mounted in it.
/// </summary>
public sealed class NamespaceKeeper : IDisposable
{
    private const int ReadinessAttempts = 200;
    private static readonly TimeSpan ReadinessInterval = TimeSpan.FromMilliseconds(25);

    private readonly Process _process;

    private NamespaceKeeper(Process process) => _process = process;

    /// <summary>The keeper's pid; <c>/proc/&lt;pid&gt;/ns/mnt</c> is the namespace.</summary>
    public int Pid => _process.Id;

    /// <summary>The namespace's handle, as <c>nsenter --mount=</c> takes it.</summary>
    public string NamespacePath => $"/proc/{Pid}/ns/mnt";

    /// <summary>Starts a keeper and waits (bounded) until it has left the caller's namespace.</summary>
    public static async Task<NamespaceKeeper> StartAsync(CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("unshare") { UseShellExecute = false };
        foreach (var arg in new[] { "--mount", "--propagation", "private", "sleep", "infinity" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start unshare");
        var keeper = new NamespaceKeeper(process);
        var own = new FileInfo("/proc/self/ns/mnt").LinkTarget;
        for (var attempt = 0; attempt < ReadinessAttempts; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"unshare exited with {process.ExitCode} before its namespace was ready");
            }

            // unshare execs sleep only after unshare(2) and the propagation change succeeded.
            var target = new FileInfo(keeper.NamespacePath).LinkTarget;
            if (target is not null && target != own && ReadComm(process.Id) == "sleep")
            {
                return keeper;
            }

            await Task.Delay(ReadinessInterval, cancellationToken).ConfigureAwait(false);
        }

        keeper.Dispose();
        throw new TimeoutException("the namespace keeper did not enter its own mount namespace");
    }

    /// <summary>The namespace's mount table.</summary>
    public MountTable ReadMounts() => new(MountInfo.Parse(File.ReadAllText($"/proc/{Pid}/mountinfo")));

    /// <summary>Mount points at or below <paramref name="path"/>, as the namespace sees them (one entry per mount, stacked ones repeated).</summary>
    public IReadOnlyList<string> MountPointsUnder(string path) =>
        [.. ReadMounts().Entries.Where(e => IsAtOrBelow(e.MountPoint, path)).Select(e => e.MountPoint)];

    /// <summary>Where the caller reaches <paramref name="path"/> as the namespace sees it (through its root).</summary>
    public string PathInside(string path) => $"/proc/{Pid}/root{path}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    internal static bool IsAtOrBelow(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            // The process is between fork and exec, or gone: not ready yet.
            return null;
        }
    }
}
