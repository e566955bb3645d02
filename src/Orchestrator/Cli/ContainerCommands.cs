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

        var add = new Command("add", "Add a container to a sandbox (from flags, or the API's request body with --spec) and print its guest plan") { sandbox };
        var spec = new Option<FileInfo?>("--spec") { Description = "A JSON file with the API's request body (id, rootfs, mounts, volumes), instead of the flags below", HelpName = "file" };
        var cid = new Option<string?>("--id") { Description = "The container id" };
        var rootfs = new Option<string?>("--rootfs") { Description = "Rootfs source: a directory (bind), a device or image file (block), or a bootstrap (nydus)", HelpName = "path" };
        var rootfsType = new Option<string>("--rootfs-type") { Description = "What --rootfs is", DefaultValueFactory = _ => "bind" };
        rootfsType.AcceptOnlyFromAmong("bind", "block", "nydus");
        var readOnly = new Option<bool>("--read-only") { Description = "Share the rootfs read-only" };
        var mounts = new Option<string[]>("--mount") { Description = "A host path to bind into the container, source:destination[:ro|:rw]; repeatable", HelpName = "src:dst[:ro]", AllowMultipleArgumentsPerToken = false };
        var volumes = new Option<string[]>("--volume") { Description = "A block device to attach, device:destination:fstype; repeatable", HelpName = "dev:dst:fstype", AllowMultipleArgumentsPerToken = false };
        var snapshotDir = new Option<string?>("--snapshot-dir") { Description = "nydus: the snapshot (upper/work) directory", HelpName = "dir" };
        var daemonConfig = new Option<FileInfo?>("--daemon-config") { Description = "nydus: a file with nydusd's configuration JSON", HelpName = "file" };
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
            return output.Print(await client.PostAsync($"/v1/sandboxes/{Escape(parse.GetValue(sandbox))}/containers", body, ct), (plan, console) =>
            {
                console.MarkupLine($"container {CliOutput.Cell(plan["containerId"])} in sandbox {CliOutput.Cell(plan["sandboxId"])}: {CliOutput.Cell(plan["lifecycle"])}");
                ContainerPlanView.Write(plan, console);
            });
        }));

        var show = new Command("show", "Show a container: state (and why, when failed) and its guest plan: shared paths, block devices, guest mounts") { sandbox, id };
        show.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.GetAsync(ContainerPath(parse, sandbox, id), ct), (body, console) =>
            {
                console.MarkupLine($"container {CliOutput.Cell(body["id"])} in sandbox {CliOutput.Cell(body["sandboxId"])}: {CliOutput.Cell(body["lifecycle"])}");
                var details = Details.Create().Field("reason", body["reason"]);
                foreach (var error in body["teardownErrors"] as JsonArray ?? [])
                {
                    details.Field("teardown error", error);
                }

                console.Write(details);
                if (body["plan"] is JsonObject plan)
                {
                    ContainerPlanView.Write(plan, console);
                }
                else
                {
                    console.WriteLine("no guest plan: the container holds nothing");
                }
            })));

        var rm = new Command("rm", "Tear a container down: unmount and remove everything it holds; every error is reported") { sandbox, id };
        rm.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.DeleteAsync(ContainerPath(parse, sandbox, id), ct), SandboxView.Report("container", "torn down"))));

        var hostPath = new Argument<string>("host-path") { Description = "The host path to share" };
        var containerPath = new Argument<string>("container-path") { Description = "Where the container sees it" };
        var pathReadOnly = new Option<bool>("--read-only") { Description = "Share it read-only" };
        var addPath = new Command("add-path", "Hot-add a host path to a running container; prints where the guest finds it") { sandbox, id, hostPath, containerPath, pathReadOnly };
        addPath.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var body = new JsonObject { ["hostPath"] = parse.GetValue(hostPath), ["containerPath"] = parse.GetValue(containerPath), ["readOnly"] = parse.GetValue(pathReadOnly) };
            return output.Print(await client.PostAsync(ContainerPath(parse, sandbox, id) + "/paths", body, ct), (b, console) =>
            {
                console.MarkupLine($"path {CliOutput.Cell(b["containerPath"])} added" + (b["readOnly"]?.GetValue<bool>() == true ? ", read-only" : string.Empty));
                console.Write(Details.Create().Field("host path", b["hostPath"]).Field("shared path", b["sharedPath"]).Field("guest path", b["guestPath"]));
            });
        }));

        var rmPath = new Command("rm-path", "Remove a hot-added path from a container") { sandbox, id, containerPath };
        rmPath.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.DeleteAsync($"{ContainerPath(parse, sandbox, id)}/paths?containerPath={Uri.EscapeDataString(parse.GetValue(containerPath)!)}", ct), SandboxView.Report("path", "removed"))));

        return new Command("container", "Add, show and remove containers, and hot-add and remove paths of running ones") { add, show, rm, addPath, rmPath };
    }

    private static string Escape(string? value) => Uri.EscapeDataString(value ?? string.Empty);

    private static string ContainerPath(ParseResult parse, Argument<string> sandbox, Argument<string> id) =>
        $"/v1/sandboxes/{Escape(parse.GetValue(sandbox))}/containers/{Escape(parse.GetValue(id))}";

    private static JsonNode ReadSpec(FileInfo file)
    {
        try
        {
            return JsonNode.Parse(ReadText(file, "--spec")) ?? throw new CliException(ExitCodes.BadInput, $"--spec {file.FullName}: the file holds JSON null, not a request body");
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.BadInput, $"--spec {file.FullName}: not JSON: {e.Message}");
        }
    }

    private static string ReadText(FileInfo file, string option)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{option} {file.FullName}: {e.Message}");
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
            rootfsNode["daemonConfig"] = ReadText(daemonConfig, "--daemon-config");
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
}
