using System.CommandLine;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>The <c>orchestrator</c> command line: <c>serve</c> (the default) and the client commands.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var serve = new Command("serve", "Run the service (the default when no command is given); configuration flags such as --Orchestrator:RunDir=/x pass through")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, ct) => OrchestratorHost.RunAsync([.. parse.UnmatchedTokens], ct));

        var root = new RootCommand("Orchestrator: host-side storage for VM-based container sandboxes")
        {
            serve,
            SandboxCommands.Build(),
            ContainerCommands.Build(),
            JournalCommands.Build(),
            StatusCommands.Status(),
            StatusCommands.Failpoints(),
        };
        root.Options.Add(CliContext.SocketOption);
        root.Options.Add(CliContext.JsonOption);
        root.Options.Add(CliContext.TimeoutOption);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || (args[0].StartsWith("--", StringComparison.Ordinal) && args[0].Contains(':', StringComparison.Ordinal)))
        {
            // No command (or only configuration overrides): run the service, as `dotnet run` does.
            return await OrchestratorHost.RunAsync(args).ConfigureAwait(false);
        }

        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
