using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary><c>orchestrator sandbox create|ls|show|rm</c>.</summary>
public static class SandboxCommands
{
    public static Command Build()
    {
        var id = new Argument<string>("id") { Description = "The sandbox id" };
        var sharedFs = new Option<string>("--shared-fs") { Description = "virtiofs or 9p", DefaultValueFactory = _ => "virtiofs" };
        sharedFs.AcceptOnlyFromAmong("virtiofs", "9p");
        var blockDriver = new Option<string>("--block-driver") { Description = "virtio-blk or virtio-scsi", DefaultValueFactory = _ => "virtio-blk" };
        blockDriver.AcceptOnlyFromAmong("virtio-blk", "virtio-scsi");

        var create = new Command("create", "Create a sandbox and lay out its shared directory") { id, sharedFs, blockDriver };
        create.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var body = new JsonObject { ["id"] = parse.GetValue(id), ["sharedFs"] = parse.GetValue(sharedFs), ["blockDriver"] = parse.GetValue(blockDriver) };
            return output.Print(await client.PostAsync("/v1/sandboxes", body, ct), Show);
        }));

        var ls = new Command("ls", "List sandboxes");
        ls.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.GetAsync("/v1/sandboxes", ct), (body, console) =>
            {
                var table = CliOutput.Table("SANDBOX", "STATE", "SHARED FS", "CONTAINERS");
                foreach (var s in body["sandboxes"] as JsonArray ?? [])
                {
                    table.AddRow(CliOutput.Cell(s?["id"]), CliOutput.Cell(s?["lifecycle"]), CliOutput.Cell(s?["sharedFs"]), ((s?["containers"] as JsonArray)?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                console.Write(table);
            })));

        var show = new Command("show", "Show a sandbox and its containers") { id };
        show.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.GetAsync($"/v1/sandboxes/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct), Show)));

        var rm = new Command("rm", "Destroy a sandbox: its containers, then its layout") { id };
        rm.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.DeleteAsync($"/v1/sandboxes/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct), Report)));

        return new Command("sandbox", "Create, list, show and destroy sandboxes") { create, ls, show, rm };
    }

    internal static void Report(JsonNode body, IAnsiConsole console) =>
        console.MarkupLine($"{CliOutput.Cell(body["id"])}: torn down" + ((body["errors"] as JsonArray)?.Count > 0 ? $" with errors: {CliOutput.Cell(body["errors"])}" : string.Empty));

    private static void Show(JsonNode body, IAnsiConsole console)
    {
        var details = CliOutput.Table("SANDBOX", "STATE", "SHARED FS", "BLOCK DRIVER", "SHARED DIR");
        details.AddRow(CliOutput.Cell(body["id"]), CliOutput.Cell(body["lifecycle"]), CliOutput.Cell(body["sharedFs"]), CliOutput.Cell(body["blockDriver"]), CliOutput.Cell(body["sharedDir"]));
        console.Write(details);
        var containers = CliOutput.Table("CONTAINER", "STATE");
        foreach (var c in body["containers"] as JsonArray ?? [])
        {
            containers.AddRow(CliOutput.Cell(c?["id"]), CliOutput.Cell(c?["lifecycle"]));
        }

        console.Write(containers);
    }
}
