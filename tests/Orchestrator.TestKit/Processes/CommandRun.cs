namespace Orchestrator.TestKit.Processes;

/// <summary>How a command of the executable ended: its exit code, standard output and standard error.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error);
