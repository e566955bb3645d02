using Orchestrator.Hosting;

namespace Orchestrator;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        args is ["serve", .. var rest] ? OrchestratorHost.RunAsync(rest) : Task.FromResult(0);
}
