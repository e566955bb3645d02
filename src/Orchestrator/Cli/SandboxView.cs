using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>Sandboxes for a person: the list, one sandbox, a teardown's report; a sentence where a table would be empty.</summary>
public static class SandboxView
{
    /// <summary>A teardown's answer: "sandbox s1 destroyed", or the same with every error it met, one a line.</summary>
    public static Action<JsonNode, IAnsiConsole> Report(string what, string done) => (body, console) =>
    {
        var errors = body["errors"] as JsonArray ?? [];
        console.MarkupLine($"{what} {CliOutput.Cell(body["id"])} {done}" + (errors.Count > 0 ? $", with {CliOutput.Count(errors.Count, "error")}:" : string.Empty));
        foreach (var error in errors)
        {
            console.MarkupLine("  " + CliOutput.Cell(error));
        }
    };

    public static void List(JsonNode body, IAnsiConsole console)
    {
        var sandboxes = body["sandboxes"] as JsonArray ?? [];
        if (sandboxes.Count == 0)
        {
            console.WriteLine("no sandboxes");
            return;
        }

        var withReason = sandboxes.Any(s => s?["reason"] is not null);
        var table = CliOutput.Table(withReason ? ["SANDBOX", "STATE", "SHARED FS", "CONTAINERS", "REASON"] : ["SANDBOX", "STATE", "SHARED FS", "CONTAINERS"]);
        if (withReason)
        {
            table.Columns[^1].NoWrap = false;
        }

        foreach (var s in sandboxes)
        {
            var row = new List<string>
            {
                CliOutput.Cell(s?["id"]), CliOutput.Cell(s?["lifecycle"]), CliOutput.Cell(s?["sharedFs"]),
                ((s?["containers"] as JsonArray)?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
            };
            if (withReason)
            {
                row.Add(CliOutput.Cell(s?["reason"]));
            }

            table.AddRow([.. row]);
        }

        console.Write(table);
    }

    public static void Show(JsonNode body, IAnsiConsole console)
    {
        console.MarkupLine($"sandbox {CliOutput.Cell(body["id"])}: {CliOutput.Cell(body["lifecycle"])}");
        var details = Details.Create();
        details.Field("reason", body["reason"]);
        details.Field("shared fs", body["sharedFs"]);
        details.Field("block driver", body["blockDriver"]);
        details.Field("shared dir", body["sharedDir"]);
        details.Field("mounts dir", body["mountsDir"]);
        foreach (var error in body["teardownErrors"] as JsonArray ?? [])
        {
            details.Field("teardown error", error);
        }

        console.Write(details);
        var containers = body["containers"] as JsonArray ?? [];
        if (containers.Count == 0)
        {
            console.WriteLine("no containers");
            return;
        }

        var table = CliOutput.Table("CONTAINER", "STATE");
        foreach (var c in containers)
        {
            table.AddRow(CliOutput.Cell(c?["id"]), CliOutput.Cell(c?["lifecycle"]));
        }

        console.Write(table);
    }
}
