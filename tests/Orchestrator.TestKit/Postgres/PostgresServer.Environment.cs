using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.TestKit.Postgres;

/// <summary>Finding the server binaries, and running them as the right user.</summary>
public sealed partial class PostgresServer
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static bool RunsAsPostgres => Environment.UserName == SuperUser;

    /// <summary>The <c>bin</c> folder of the newest installed major version, e.g. /usr/lib/postgresql/15/bin.</summary>
    private static string? FindBinDirectory()
    {
        if (!Directory.Exists(BinariesRoot))
        {
            return null;
        }

        return Directory.GetDirectories(BinariesRoot)
            .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(x => x.Version >= 0 && File.Exists(Path.Combine(x.Dir, "bin", "initdb")) && File.Exists(Path.Combine(x.Dir, "bin", "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"))
            .FirstOrDefault();
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "The throwaway PostgreSQL server is only set up on Linux.";
        }

        if (FindBinDirectory() is null)
        {
            return $"No PostgreSQL server binaries under {BinariesRoot}/*/bin (install the 'postgresql' package).";
        }

        if (RunsAsRoot)
        {
            return File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser")
                ? null
                : "Running as root but runuser is missing, so the server cannot be started as the postgres user.";
        }

        return RunsAsPostgres
            ? null
            : $"PostgreSQL refuses to run as root and this process runs as '{Environment.UserName}', neither root (to switch to postgres) nor postgres.";
    }

    private static Task RunAsPostgresAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunsAsRoot
            ? RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], cancellationToken)
            : RunAsync(executable, arguments, cancellationToken);

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // A folder the postgres user can enter; initdb and pg_ctl complain about an
            // unreadable current directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        }
    }
}
