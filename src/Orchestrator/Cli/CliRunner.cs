using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>Runs one command: resolves the socket and output mode, maps failures to exit codes and one line on stderr.</summary>
public static class CliRunner
{
    public static async Task<int> RunAsync(ParseResult parse, Func<ApiClient, CliOutput, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(command);
        var output = CliContext.Output(parse);
        try
        {
            using var client = CliContext.Client(parse);
            return await command(client, output).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await output.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }

    /// <summary>For commands that need no server (journal, failpoints).</summary>
    public static async Task<int> RunLocalAsync(ParseResult parse, Func<CliOutput, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(command);
        var output = CliContext.Output(parse);
        try
        {
            return await command(output).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await output.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }
}
