using System.CommandLine;
using Orchestrator.Actors.Failpoints;

namespace Orchestrator.Cli;

/// <summary><c>orchestrator status</c> and <c>orchestrator failpoints</c>.</summary>
public static class StatusCommands
{
    public static Command Status()
    {
        var status = new Command("status", "Is the server up, and what does it hold?");
        status.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var health = await client.GetAsync("/v1/health", ct);
            if (!health.IsSuccess || output.Json)
            {
                return output.Print(health, (_, _) => { });
            }

            var list = await client.GetAsync("/v1/sandboxes", ct);
            var sandboxes = (list.Body?["sandboxes"] as System.Text.Json.Nodes.JsonArray) ?? [];
            var containers = sandboxes.Sum(s => (s?["containers"] as System.Text.Json.Nodes.JsonArray)?.Count ?? 0);
            await output.Out.WriteLineAsync($"{health.Body?["status"]} at {client.SocketPath} (version {health.Body?["version"]}): {sandboxes.Count} sandboxes, {containers} containers");
            return ExitCodes.Ok;
        }));
        return status;
    }

    public static Command Failpoints()
    {
        var command = new Command("failpoints", $"List every failpoint name (configure them with {Actors.Failpoints.Failpoints.EnvironmentVariable}=\"name=crash;name2=error@2\")");
        command.SetAction(parse =>
        {
            var output = CliContext.Output(parse);
            output.Out.WriteLine(output.Json
                ? System.Text.Json.JsonSerializer.Serialize(FailpointNames.All)
                : string.Join(Environment.NewLine, FailpointNames.All));
            return ExitCodes.Ok;
        });
        return command;
    }
}
