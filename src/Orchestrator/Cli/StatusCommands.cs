using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Failpoints;

namespace Orchestrator.Cli;

/// <summary><c>orchestrator status</c> and <c>orchestrator failpoints</c>.</summary>
public static class StatusCommands
{
    public static Command Status()
    {
        var status = new Command("status", "Is the server up (ok, or draining), its version, and how many sandboxes and containers it holds");
        status.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var health = await client.GetAsync("/v1/health", ct);
            if (!health.IsSuccess)
            {
                return output.Problem(health);
            }

            // A draining server may refuse the list; the health answer is still worth printing.
            var list = await client.GetAsync("/v1/sandboxes", ct);
            var sandboxes = list.IsSuccess ? list.Body?["sandboxes"] as JsonArray ?? [] : null;
            var containers = sandboxes?.Sum(s => (s?["containers"] as JsonArray)?.Count ?? 0);
            if (output.Json)
            {
                var body = health.Body?.DeepClone() as JsonObject ?? new JsonObject();
                body["socket"] = client.SocketPath;
                body["sandboxes"] = sandboxes?.Count;
                body["containers"] = containers;
                await output.Out.WriteLineAsync(body.ToJsonString(CliOutput.JsonOptions));
            }
            else
            {
                var counts = sandboxes is null
                    ? $"sandboxes not listed (HTTP {list.Status})"
                    : $"{CliOutput.Count(sandboxes.Count, "sandbox", "sandboxes")}, {CliOutput.Count(containers ?? 0, "container")}";
                await output.Out.WriteLineAsync($"{health.Body?["status"]} at {client.SocketPath} (version {health.Body?["version"]}): {counts}");
            }

            return ExitCodes.Ok;
        }));
        return status;
    }

    public static Command Failpoints()
    {
        var command = new Command("failpoints", $"List every failpoint name, for crash drills (arm them with {Actors.Failpoints.Failpoints.EnvironmentVariable}=\"name=crash;name2=error@2\" or Orchestrator:Failpoints)");
        command.SetAction(parse =>
        {
            var output = CliContext.Output(parse);
            output.Out.WriteLine(output.Json
                ? JsonSerializer.Serialize(FailpointNames.All, CliOutput.JsonOptions)
                : string.Join(Environment.NewLine, FailpointNames.All));
            return ExitCodes.Ok;
        });
        return command;
    }
}
