using System.CommandLine;
using Orchestrator.Actors.Failpoints;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>The <c>orchestrator</c> command line: <c>serve</c> (the default) and the client commands.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var serve = new Command("serve", "Run the service in the foreground until SIGTERM (the default when no command is given); --socket sets Orchestrator:Socket")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, ct) => parse.GetResult(CliContext.JsonOption) is { Implicit: false } || parse.GetResult(CliContext.TimeoutOption) is { Implicit: false }
            ? Refuse(parse, "serve takes neither --json nor --timeout (they are for client commands)")
            : ServeAsync([.. CliContext.Overrides(parse), .. parse.UnmatchedTokens, .. SocketOverride(parse)], ct));

        var root = new RootCommand(
            "Orchestrator: host-side storage for VM-based container sandboxes. Every command reads the service's configuration "
            + "(appsettings.json beside the binary and in the current directory, ORCHESTRATOR__* variables, and --Orchestrator:Key=value "
            + "or --Orchestrator:Key value anywhere on the line; later wins): the client commands find the server's socket there, "
            + "the journal commands its journal. Exit codes: 0 done, 2 bad input or configuration, 3 not found, 4 conflict, "
            + "5 server error or no server.")
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
        root.Options.Add(CliContext.OverridesOption);
        return root;
    }

    /// <summary>The socket a client would be told with <c>--socket</c>, as the server's setting; it wins over the configuration, as for a client.</summary>
    private static string[] SocketOverride(ParseResult parse) =>
        parse.GetValue(CliContext.SocketOption) is { } socket ? ["--" + OrchestratorOptions.Section + ":Socket=" + socket] : [];

    private static async Task<int> Refuse(ParseResult parse, string problem)
    {
        await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// Arms the failpoints before anything runs (from <c>ORCHESTRATOR_FAILPOINTS</c>, else
    /// <c>Orchestrator:Failpoints</c>), then runs the service. A malformed spec stops start-up:
    /// a drill that meant to crash somewhere must not silently run without its failpoint.
    /// </summary>
    public static Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var spec = Environment.GetEnvironmentVariable(Failpoints.EnvironmentVariable)
                ?? OrchestratorOptions.BuildConfiguration(args)[OrchestratorOptions.Section + ":Failpoints"];
            Failpoints.Configure(spec);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return Task.FromResult(ExitCodes.BadInput);
        }
        catch (ConfigurationProblemException e)
        {
            Console.Error.WriteLine("orchestrator: invalid configuration: " + e.Message);
            return Task.FromResult(ExitCodes.BadInput);
        }

        if (Failpoints.Active.Count > 0)
        {
            Console.Error.WriteLine($"failpoints armed: {string.Join("; ", Failpoints.Active.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        return OrchestratorHost.RunAsync(args, cancellationToken);
    }

    /// <summary>
    /// Runs one command line; <paramref name="stdout"/> and <paramref name="stderr"/> default to the console's.
    /// Configuration overrides may stand anywhere; a line of nothing else runs the service, as <c>dotnet run</c> does.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var error = stderr ?? Console.Error;
        ConfigurationArguments line;
        try
        {
            line = ConfigurationArguments.Split(args);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }

        if (line.CommandTokens.Count == 0)
        {
            return await ServeAsync([.. line.Overrides], CancellationToken.None).ConfigureAwait(false);
        }

        // In front, so that a "--" among the command's tokens cannot turn them into arguments.
        var carried = line.Overrides.SelectMany(o => new[] { CliContext.OverridesOption.Name, o[2..] });
        var parse = Build().Parse([.. carried, .. line.CommandTokens]);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync("error: " + problem.Message).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration { Output = stdout ?? Console.Out, Error = error };
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }
}
