using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>The options every command shares, and what they resolve to: the output, the configuration, the server's socket.</summary>
public sealed class CliContext
{
    public const string DefaultSocket = "/run/orchestrator/orchestrator.sock";

    public static Option<string?> SocketOption { get; } = new("--socket")
    {
        Description = "The server's unix socket; without it, Orchestrator:Socket from the configuration, else <Orchestrator:RunDir>/orchestrator.sock (" + DefaultSocket + ")",
        HelpName = "path",
        Recursive = true,
    };

    public static Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Print JSON instead of text (a client command prints the server's answer verbatim)",
        Recursive = true,
    };

    public static Option<int> TimeoutOption { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the server's answer (a teardown retrying a busy mount can take a while)",
        HelpName = "seconds",
        DefaultValueFactory = _ => 300,
        Recursive = true,
    };

    /// <summary>
    /// The <c>--Section:Key=value</c> overrides <see cref="ConfigurationArguments"/> took off the line,
    /// without their leading dashes (a value starting with <c>--</c> would be read as an option), carried to
    /// the command's action through the parse. Never typed by hand.
    /// </summary>
    public static Option<string[]> OverridesOption { get; } = new("--configuration-override")
    {
        Hidden = true,
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static CliOutput Output(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(JsonOption), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }

    /// <summary>The configuration overrides of this command line, as <see cref="OrchestratorOptions.BuildConfiguration"/> takes them.</summary>
    public static string[] Overrides(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return [.. (parse.GetValue(OverridesOption) ?? []).Select(o => "--" + o)];
    }

    /// <summary>The configuration exactly as <c>serve</c> builds it from the same line, environment and files.</summary>
    public static IConfiguration Configuration(ParseResult parse) => OrchestratorOptions.BuildConfiguration(Overrides(parse));

    /// <summary>The options the server would run with; an unusable value is bad input naming its key.</summary>
    public static OrchestratorOptions ServerOptions(IConfiguration configuration)
    {
        try
        {
            return OrchestratorOptions.Load(configuration);
        }
        catch (ConfigurationProblemException e)
        {
            throw new CliException(ExitCodes.BadInput, "invalid configuration: " + e.Message);
        }
    }

    public static ApiClient Client(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var timeout = parse.GetValue(TimeoutOption);
        if (timeout <= 0)
        {
            throw new CliException(ExitCodes.BadInput, $"--timeout must be a positive number of seconds, got {timeout}");
        }

        // An explicit socket needs no configuration: it reaches a server even where this shell's
        // configuration does not load.
        if (parse.GetValue(SocketOption) is { } explicitSocket)
        {
            return string.IsNullOrWhiteSpace(explicitSocket)
                ? throw new CliException(ExitCodes.BadInput, "--socket must name the server's socket, got an empty path")
                : new ApiClient(explicitSocket, TimeSpan.FromSeconds(timeout), "--socket");
        }

        var configuration = Configuration(parse);
        var options = ServerOptions(configuration);
        return new ApiClient(options.Socket, TimeSpan.FromSeconds(timeout), SocketOrigin(configuration));
    }

    /// <summary>Which setting named the socket: <c>Orchestrator:Socket</c>, else the run dir it lies in.</summary>
    public static string SocketOrigin(IConfiguration configuration)
    {
        const string socket = OrchestratorOptions.Section + ":Socket";
        return string.IsNullOrWhiteSpace(configuration[socket])
            ? "<Orchestrator:RunDir>/orchestrator.sock, " + ConfigurationOrigin.Describe(configuration, OrchestratorOptions.Section + ":RunDir")
            : ConfigurationOrigin.Describe(configuration, socket);
    }
}
