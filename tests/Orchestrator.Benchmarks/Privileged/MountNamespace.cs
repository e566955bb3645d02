using System.Diagnostics;

namespace Orchestrator.Benchmarks.Privileged;

/// <summary>
/// Keeps the mounting suites off the host's mount table: a root process still in the initial
/// mount namespace runs itself again under <c>unshare --mount --propagation private</c>, so every
/// mount it makes dies with its namespace, even when it crashes half-way.
/// </summary>
internal static class MountNamespace
{
    /// <summary>Set in the re-executed child; guards against re-executing twice.</summary>
    public const string ChildVariable = "ORCHESTRATOR_BENCH_IN_NAMESPACE";

    /// <summary>The parent's scratch area, handed to the child so the parent can clean up after a failed child.</summary>
    public const string ScratchVariable = "ORCHESTRATOR_BENCH_SCRATCH";

    public const string JournalVariable = "ORCHESTRATOR_BENCH_JOURNALS";

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Why the mounting suites cannot run here, or null when they can.</summary>
    public static string? WhyNotPrivileged =>
        !OperatingSystem.IsLinux() ? "not Linux"
        : !IsRoot ? "not root (mount(2) needs CAP_SYS_ADMIN); run the benchmarks with sudo"
        : !InOwnNamespace ? "not known to be in a mount namespace of its own (run through Program, which re-executes under unshare)"
        : null;

    public static bool ShouldReExecute => OperatingSystem.IsLinux() && IsRoot && !InOwnNamespace;

    /// <summary>
    /// True in the re-executed child, or when this process's mount namespace provably differs from
    /// PID 1's. Reading <c>/proc/1/ns/mnt</c> may be denied (ptrace access rules, sandboxes); an
    /// answer we cannot read counts as "the host's", never as "private".
    /// </summary>
    private static bool InOwnNamespace =>
        Environment.GetEnvironmentVariable(ChildVariable) is not null
        || (NamespaceOf("/proc/self/ns/mnt") is { } self && NamespaceOf("/proc/1/ns/mnt") is { } host && self != host);

    private static string? NamespaceOf(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget is { Length: > 0 } target ? target : null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs this program again with the same arguments in a private mount namespace and returns its
    /// exit code. The scratch directories the child works in are made and removed here, outside
    /// the namespace, so nothing is left on the host even when the child dies mid-run.
    /// </summary>
    public static int ReExecute(string[] args)
    {
        var scratch = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
        var journals = Directory.CreateDirectory(Path.Combine("/var/tmp", Path.GetFileName(scratch))).FullName;
        try
        {
            var start = new ProcessStartInfo("unshare") { UseShellExecute = false };
            foreach (var arg in (string[])["--mount", "--propagation", "private", "--", .. SelfCommand(), .. args])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment[ChildVariable] = "1";
            start.Environment[ScratchVariable] = scratch;
            start.Environment[JournalVariable] = journals;
            using var child = Process.Start(start) ?? throw new InvalidOperationException("unshare did not start");
            child.WaitForExit();
            return child.ExitCode;
        }
        finally
        {
            // The child's tmpfs went away with its namespace: only plain directories remain here.
            Directory.Delete(scratch, recursive: true);
            Directory.Delete(journals, recursive: true);
        }
    }

    // Under `dotnet run` the process is the apphost; under `dotnet x.dll` it is the muxer and needs the dll.
    private static string[] SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to re-execute");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(MountNamespace).Assembly.Location]
            : [process];
    }
}
