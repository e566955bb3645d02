namespace Orchestrator.Cli;

/// <summary>A failure the CLI reports in one line on stderr, exiting with <see cref="ExitCode"/>.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
