using Orchestrator.Cli;

namespace Orchestrator;

internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args);
}
