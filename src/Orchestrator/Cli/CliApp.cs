using System.CommandLine;
using Orchestrator.Actors.Failpoints;
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
        serve.SetAction((parse, ct) => ServeAsync([.. parse.UnmatchedTokens], ct));

        var root = new RootCommand("Orchestrator: host-side storage for VM-based container sandboxes")
        {
            serve,
            SandboxCommands.Build(),
            ContainerCommands.Build(),
            JournalCommands.Build(),
            EventCommands.Build(),
            StatusCommands.Status(),
            StatusCommands.Failpoints(),
        };
        root.Options.Add(CliContext.SocketOption);
        root.Options.Add(CliContext.JsonOption);
        root.Options.Add(CliContext.TimeoutOption);
        return root;
    }

    /// <summary>
    /// Arms the failpoints before anything runs (from <c>ORCHESTRATOR_FAILPOINTS</c>, else
    /// <c>Orchestrator:Failpoints</c>), then runs the service. A malformed spec stops start-up:
    /// a drill that meant to crash somewhere must not silently run without its failpoint.
    /// </summary>
    public static Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        var spec = Environment.GetEnvironmentVariable(Failpoints.EnvironmentVariable)
            ?? OrchestratorOptions.BuildConfiguration(args)[OrchestratorOptions.Section + ":Failpoints"];
        try
        {
            Failpoints.Configure(spec);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return Task.FromResult(ExitCodes.BadInput);
        }

        if (Failpoints.Active.Count > 0)
        {
            Console.Error.WriteLine($"failpoints armed: {string.Join("; ", Failpoints.Active.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        return OrchestratorHost.RunAsync(args, cancellationToken);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || (args[0].StartsWith("--", StringComparison.Ordinal) && args[0].Contains(':', StringComparison.Ordinal)))
        {
            // No command (or only configuration overrides): run the service, as `dotnet run` does.
            return await ServeAsync(args, CancellationToken.None).ConfigureAwait(false);
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
