using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// A container's guest plan for a person: the rootfs, then the shared paths, block devices and
/// guest mounts, each a table or a sentence saying there are none. Paths wrap within their
/// columns; the systemd units are left to <c>--json</c>.
/// </summary>
public static class ContainerPlanView
{
    public static void Write(JsonNode plan, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(console);
        var r = plan["rootfs"];
        var readOnly = r?["readOnly"]?.GetValue<bool>() == true ? ", read-only" : string.Empty;
        console.MarkupLine($"rootfs: {CliOutput.Cell(r?["type"])}{readOnly}");
        console.Write(Details.Create()
            .Field("host path", r?["hostPath"])
            .Field("guest path", r?["guestPath"])
            .Field("block device", r?["blockDevice"])
            .Field("rafs guest path", r?["rafsGuestPath"])
            .Field("snapshot dir", r?["snapshotDirGuestPath"]));

        var sharedPaths = plan["sharedPaths"] as JsonArray ?? [];
        if (sharedPaths.Count == 0)
        {
            console.WriteLine("no shared paths");
        }
        else
        {
            var shared = Wrapping(CliOutput.Table("CONTAINER PATH", "HOST PATH", "GUEST PATH", "FLAGS"), 0, 1, 2);
            foreach (var p in sharedPaths)
            {
                shared.AddRow(CliOutput.Cell(p?["containerPath"]), CliOutput.Cell(p?["hostPath"]), CliOutput.Cell(p?["guestPath"]),
                    Flags((p?["readOnly"], "ro"), (p?["watchable"], "watchable"), (p?["hotAdded"], "hot-added")));
            }

            console.Write(shared);
        }

        var blockDevices = plan["blockDevices"] as JsonArray ?? [];
        if (blockDevices.Count == 0)
        {
            console.WriteLine("no block devices");
        }
        else
        {
            var blocks = Wrapping(CliOutput.Table("#", "HOST DEVICE", "GUEST", "CONTAINER PATH", "FSTYPE", "FLAGS"), 1, 3);
            foreach (var b in blockDevices)
            {
                blocks.AddRow(CliOutput.Cell(b?["index"]), CliOutput.Cell(b?["hostDevice"]), CliOutput.Cell(b?["guestAddress"]), CliOutput.Cell(b?["containerPath"]),
                    CliOutput.Cell(b?["fsType"]), Flags((b?["readOnly"], "ro")));
            }

            console.Write(blocks);
        }

        var mounts = plan["ociMounts"] as JsonArray ?? [];
        if (mounts.Count == 0)
        {
            console.WriteLine("no guest mounts");
            return;
        }

        var table = Wrapping(CliOutput.Table("GUEST MOUNT", "TYPE", "SOURCE", "OPTIONS"), 0, 2, 3);
        foreach (var m in mounts)
        {
            table.AddRow(CliOutput.Cell(m?["destination"]), CliOutput.Cell(m?["type"]), CliOutput.Cell(m?["source"]),
                Markup.Escape(string.Join(", ", (m?["options"] as JsonArray ?? []).Select(o => o?.ToString()))));
        }

        console.Write(table);
    }

    private static Table Wrapping(Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].NoWrap = false;
        }

        return table;
    }

    private static string Flags(params (JsonNode? Value, string Name)[] flags)
    {
        var set = flags.Where(f => f.Value is JsonValue v && v.TryGetValue<bool>(out var b) && b).Select(f => f.Name).ToList();
        return set.Count == 0 ? "-" : string.Join(',', set);
    }
}
