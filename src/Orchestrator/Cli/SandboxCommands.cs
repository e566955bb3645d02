using System.CommandLine;
using System.Text.Json.Nodes;

namespace Orchestrator.Cli;

/// <summary><c>orchestrator sandbox create|ls|show|rm</c>.</summary>
public static class SandboxCommands
{
    public static Command Build()
    {
        var id = new Argument<string>("id") { Description = "The sandbox id" };
        var sharedFs = new Option<string>("--shared-fs") { Description = "How the guest reaches the shared directory: virtiofs or 9p", DefaultValueFactory = _ => "virtiofs" };
        sharedFs.AcceptOnlyFromAmong("virtiofs", "9p");
        var blockDriver = new Option<string>("--block-driver") { Description = "How block devices are hot-plugged: virtio-blk or virtio-scsi", DefaultValueFactory = _ => "virtio-blk" };
        blockDriver.AcceptOnlyFromAmong("virtio-blk", "virtio-scsi");

        var create = new Command("create", "Create a sandbox (one VM) and lay out its shared directory; prints the sandbox") { id, sharedFs, blockDriver };
        create.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
        {
            var body = new JsonObject { ["id"] = parse.GetValue(id), ["sharedFs"] = parse.GetValue(sharedFs), ["blockDriver"] = parse.GetValue(blockDriver) };
            return output.Print(await client.PostAsync("/v1/sandboxes", body, ct), SandboxView.Show);
        }));

        var ls = new Command("ls", "List sandboxes: state, shared file system, number of containers");
        ls.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.GetAsync("/v1/sandboxes", ct), SandboxView.List)));

        var show = new Command("show", "Show a sandbox: state (and why, when failed), shared directory, containers") { id };
        show.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.GetAsync($"/v1/sandboxes/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct), SandboxView.Show)));

        var rm = new Command("rm", "Destroy a sandbox: tear its containers down, then its layout; every error is reported") { id };
        rm.SetAction((parse, ct) => CliRunner.RunAsync(parse, async (client, output) =>
            output.Print(await client.DeleteAsync($"/v1/sandboxes/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct), SandboxView.Report("sandbox", "destroyed"))));

        return new Command("sandbox", "Create, list, show and destroy sandboxes") { create, ls, show, rm };
    }
}
