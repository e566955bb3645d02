using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.TestKit.Processes;

/// <summary>
/// The built <c>orchestrator</c> executable (<c>src/Orchestrator/bin/&lt;configuration&gt;/net10.0/orchestrator.dll</c>),
/// found from the test assembly's own output folder so that one build serves every drill.
/// </summary>
public sealed class OrchestratorExecutable
{
    private const string SolutionFile = "Orchestrator.sln";

    private OrchestratorExecutable(string dllPath) => DllPath = dllPath;

    /// <summary>The path of <c>orchestrator.dll</c>, run as <c>dotnet orchestrator.dll</c>.</summary>
    public string DllPath { get; }

    /// <summary>The folder holding <c>Orchestrator.sln</c>.</summary>
    public static string SolutionDirectory { get; } = FindSolutionDirectory();

    /// <summary>
    /// The executable built in the same configuration as the caller (Debug or Release), which the
    /// solution build produced; throws naming the path when it is missing.
    /// </summary>
    public static OrchestratorExecutable Locate()
    {
        // <solution>/tests/<project>/bin/<configuration>/<tfm>/
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var framework = baseDir.Name;
        var configuration = baseDir.Parent?.Name ?? "Debug";
        var dll = Path.Combine(SolutionDirectory, "src", "Orchestrator", "bin", configuration, framework, "orchestrator.dll");
        return File.Exists(dll)
            ? new OrchestratorExecutable(dll)
            : throw new FileNotFoundException($"the orchestrator executable is not built at {dll}; build Orchestrator.sln first", dll);
    }

    /// <summary>Every failpoint the executable knows, from <c>orchestrator failpoints --json</c>.</summary>
    public async Task<IReadOnlyList<string>> ListFailpointsAsync(CancellationToken cancellationToken = default)
    {
        var (exitCode, output) = await RunAsync(["failpoints", "--json"], cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"orchestrator failpoints --json exited with {exitCode}: {output}");
        }

        return JsonSerializer.Deserialize<string[]>(output) ?? throw new InvalidOperationException("orchestrator failpoints --json printed null");
    }

    /// <summary>Runs a client command of the executable to completion and returns its exit code and standard output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var run = await RunAsync(args, null, null, cancellationToken).ConfigureAwait(false);
        return (run.ExitCode, run.ExitCode == 0 ? run.Output : run.Output + run.Error);
    }

    /// <summary>
    /// Runs a command in <paramref name="workingDirectory"/> (where it finds an <c>appsettings.json</c>), configured only by
    /// <paramref name="args"/> and <paramref name="environment"/>: inherited <c>ORCHESTRATOR*</c> variables are removed
    /// when an environment is given.
    /// </summary>
    public async Task<CommandRun> RunAsync(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ORCHESTRATOR", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(key);
            }

            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new CommandRun(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static string FindSolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
