using System.CommandLine;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>The options every client command shares, and what they resolve to.</summary>
public sealed class CliContext
{
    public const string DefaultSocket = "/run/orchestrator/orchestrator.sock";

    public static Option<string?> SocketOption { get; } = new("--socket")
    {
        Description = "The server's unix socket (default: Orchestrator:Socket from configuration, else " + DefaultSocket + ")",
        Recursive = true,
    };

    public static Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Print the server's JSON instead of tables",
        Recursive = true,
    };

    public static Option<int> TimeoutOption { get; } = new("--timeout")
    {
        Description = "Seconds to wait for an answer (a teardown retrying a busy mount can take a while)",
        DefaultValueFactory = _ => 300,
        Recursive = true,
    };

    public static CliOutput Output(ParseResult parse) => new(parse.GetValue(JsonOption));

    public static ApiClient Client(ParseResult parse)
    {
        var timeout = parse.GetValue(TimeoutOption);
        if (timeout <= 0)
        {
            throw new CliException(ExitCodes.BadInput, $"--timeout must be a positive number of seconds, got {timeout}");
        }

        return new ApiClient(parse.GetValue(SocketOption) ?? ConfiguredSocket(), TimeSpan.FromSeconds(timeout));
    }

    /// <summary>The options the server would run with (the journal commands read its journal directly).</summary>
    public static OrchestratorOptions ServerOptions()
    {
        try
        {
            return OrchestratorOptions.Load(OrchestratorOptions.BuildConfiguration([]));
        }
        catch (ConfigurationProblemException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    private static string ConfiguredSocket()
    {
        try
        {
            return OrchestratorOptions.Load(OrchestratorOptions.BuildConfiguration([])).Socket;
        }
        catch (ConfigurationProblemException)
        {
            // A client must still reach a server whose configuration this shell cannot load.
            return DefaultSocket;
        }
    }
}
