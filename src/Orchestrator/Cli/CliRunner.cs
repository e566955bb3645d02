using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>Runs one client command: resolves the socket and output mode, maps failures to exit codes.</summary>
public static class CliRunner
{
    public static async Task<int> RunAsync(ParseResult parse, Func<ApiClient, CliOutput, Task<int>> command)
    {
        try
        {
            using var client = CliContext.Client(parse);
            return await command(client, CliContext.Output(parse)).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }

    /// <summary>For commands that need no server (journal, failpoints).</summary>
    public static async Task<int> RunLocalAsync(Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }
}
