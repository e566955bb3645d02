using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary><c>orchestrator container add|show|rm|add-path|rm-path</c>.</summary>
public static class ContainerCommands
{
    public static Command Build()
    {
        var sandbox = new Argument<string>("sandbox") { Description = "The sandbox id" };
        var id = new Argument<string>("container") { Description = "The container id" };

        var add = new Command("add", "Add a container (from a JSON spec file, or from flags) and print its guest plan") { sandbox };
        var spec = new Option<FileInfo?>("--spec") { Description = "A JSON file with the request body (id, rootfs, mounts, volumes)" };
        var cid = new Option<string?>("--id") { Description = "The container id (with flags)" };
        var rootfs = new Option<string?>("--rootfs") { Description = "Rootfs source: a directory (bind), a device or image file (block), or a bootstrap (nydus)" };
        var rootfsType = new Option<string>("--rootfs-type") { Description = "bind, block or nydus", DefaultValueFactory = _ => "bind" };
        rootfsType.AcceptOnlyFromAmong("bind", "block", "nydus");
        var readOnly = new Option<bool>("--read-only") { Description = "Share the rootfs read-only" };
        var mounts = new Option<string[]>("--mount") { Description = "source:destination[:ro], repeatable", AllowMultipleArgumentsPerToken = false };
        var volumes = new Option<string[]>("--volume") { Description = "device:destination:fstype, repeatable" };
        var snapshotDir = new Option<string?>("--snapshot-dir") { Description = "nydus: the snapshot (upper/work) directory" };
        var daemonConfig = new Option<FileInfo?>("--daemon-config") { Description = "nydus: a file with nydusd's configuration JSON" };
        foreach (var option in new Option[] { spec, cid, rootfs, rootfsType, readOnly, mounts, volumes, snapshotDir, daemonConfig })
        {
            add.Options.Add(option);
        }

        add.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var body = parse.GetValue(spec) is { } file
                ? ReadSpec(file)
                : FromFlags(parse.GetValue(cid), parse.GetValue(rootfs), parse.GetValue(rootfsType)!, parse.GetValue(readOnly),
                    parse.GetValue(mounts) ?? [], parse.GetValue(volumes) ?? [], parse.GetValue(snapshotDir), parse.GetValue(daemonConfig));
            return output.Print(await client.PostAsync($"/v1/sandboxes/{Escape(parse.GetValue(sandbox))}/containers", body, ct), Plan);
        }));

        var show = new Command("show", "Show a container and its guest plan") { sandbox, id };
        show.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.GetAsync(ContainerPath(parse, sandbox, id), ct), (body, console) =>
            {
                console.MarkupLine($"{CliOutput.Cell(body["id"])}: {CliOutput.Cell(body["lifecycle"])}" + (body["reason"] is { } r ? $" ({CliOutput.Cell(r)})" : string.Empty));
                if (body["plan"] is JsonObject plan)
                {
                    Plan(plan, console);
                }
            })));

        var rm = new Command("rm", "Tear a container down") { sandbox, id };
        rm.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.DeleteAsync(ContainerPath(parse, sandbox, id), ct), SandboxCommands.Report)));

        var hostPath = new Argument<string>("host-path") { Description = "The host path to share" };
        var containerPath = new Argument<string>("container-path") { Description = "Where the container sees it" };
        var pathReadOnly = new Option<bool>("--read-only") { Description = "Share it read-only" };
        var addPath = new Command("add-path", "Hot-add a host path to a running container") { sandbox, id, hostPath, containerPath, pathReadOnly };
        addPath.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var body = new JsonObject { ["hostPath"] = parse.GetValue(hostPath), ["containerPath"] = parse.GetValue(containerPath), ["readOnly"] = parse.GetValue(pathReadOnly) };
            return output.Print(await client.PostAsync(ContainerPath(parse, sandbox, id) + "/paths", body, ct), (b, console) =>
                console.MarkupLine($"{CliOutput.Cell(b["containerPath"])} -> guest {CliOutput.Cell(b["guestPath"])}"));
        }));

        var rmPath = new Command("rm-path", "Remove a hot-added path") { sandbox, id, containerPath };
        rmPath.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.DeleteAsync($"{ContainerPath(parse, sandbox, id)}/paths?containerPath={Uri.EscapeDataString(parse.GetValue(containerPath)!)}", ct), SandboxCommands.Report)));

        return new Command("container", "Add, show and remove containers and hot-added paths") { add, show, rm, addPath, rmPath };
    }

    private static string Escape(string? value) => Uri.EscapeDataString(value ?? string.Empty);

    private static string ContainerPath(ParseResult parse, Argument<string> sandbox, Argument<string> id) =>
        $"/v1/sandboxes/{Escape(parse.GetValue(sandbox))}/containers/{Escape(parse.GetValue(id))}";

    private static JsonNode ReadSpec(FileInfo file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file.FullName)) ?? throw new CliException(ExitCodes.BadInput, $"{file.FullName} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException(ExitCodes.BadInput, $"cannot read the spec {file.FullName}: {e.Message}");
        }
    }

    private static JsonObject FromFlags(string? id, string? rootfs, string rootfsType, bool readOnly, string[] mounts, string[] volumes, string? snapshotDir, FileInfo? daemonConfig)
    {
        if (id is null || rootfs is null)
        {
            throw new CliException(ExitCodes.BadInput, "give --spec FILE, or at least --id and --rootfs");
        }

        var rootfsNode = new JsonObject { ["type"] = rootfsType, ["source"] = rootfs, ["readOnly"] = readOnly };
        if (snapshotDir is not null)
        {
            rootfsNode["snapshotDir"] = snapshotDir;
        }

        if (daemonConfig is not null)
        {
            rootfsNode["daemonConfig"] = File.ReadAllText(daemonConfig.FullName);
        }

        var mountNodes = new JsonArray();
        foreach (var m in mounts)
        {
            var parts = m.Split(':');
            if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] is not ("ro" or "rw")))
            {
                throw new CliException(ExitCodes.BadInput, $"--mount '{m}': expected source:destination[:ro]");
            }

            mountNodes.Add(new JsonObject { ["source"] = parts[0], ["destination"] = parts[1], ["readOnly"] = parts.Length == 3 && parts[2] == "ro" });
        }

        var volumeNodes = new JsonArray();
        foreach (var v in volumes)
        {
            var parts = v.Split(':');
            if (parts.Length != 3)
            {
                throw new CliException(ExitCodes.BadInput, $"--volume '{v}': expected device:destination:fstype");
            }

            volumeNodes.Add(new JsonObject { ["device"] = parts[0], ["destination"] = parts[1], ["fsType"] = parts[2] });
        }

        return new JsonObject { ["id"] = id, ["rootfs"] = rootfsNode, ["mounts"] = mountNodes, ["volumes"] = volumeNodes };
    }

    private static void Plan(JsonNode plan, IAnsiConsole console)
    {
        var r = plan["rootfs"];
        console.MarkupLine($"rootfs ({CliOutput.Cell(r?["type"])}): guest {CliOutput.Cell(r?["guestPath"] ?? r?["blockDevice"])}");
        var shared = CliOutput.Table("CONTAINER PATH", "HOST PATH", "GUEST PATH", "RO", "WATCH", "HOT");
        foreach (var p in plan["sharedPaths"] as JsonArray ?? [])
        {
            shared.AddRow(CliOutput.Cell(p?["containerPath"]), CliOutput.Cell(p?["hostPath"]), CliOutput.Cell(p?["guestPath"]), CliOutput.Cell(p?["readOnly"]), CliOutput.Cell(p?["watchable"]), CliOutput.Cell(p?["hotAdded"]));
        }

        console.Write(shared);
        var blocks = CliOutput.Table("INDEX", "HOST DEVICE", "GUEST", "CONTAINER PATH", "FSTYPE");
        foreach (var b in plan["blockDevices"] as JsonArray ?? [])
        {
            blocks.AddRow(CliOutput.Cell(b?["index"]), CliOutput.Cell(b?["hostDevice"]), CliOutput.Cell(b?["guestAddress"]), CliOutput.Cell(b?["containerPath"]), CliOutput.Cell(b?["fsType"]));
        }

        console.Write(blocks);
        var mounts = CliOutput.Table("DESTINATION", "TYPE", "SOURCE", "OPTIONS");
        foreach (var m in plan["ociMounts"] as JsonArray ?? [])
        {
            mounts.AddRow(CliOutput.Cell(m?["destination"]), CliOutput.Cell(m?["type"]), CliOutput.Cell(m?["source"]), Markup.Escape(string.Join(',', (m?["options"] as JsonArray ?? []).Select(o => o?.ToString()))));
        }

        console.Write(mounts);
    }
}
