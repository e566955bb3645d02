using System.Text.Json.Nodes;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class SandboxViewTests
{
    [Fact]
    public void List_NoSandboxes_ASentenceNotAnEmptyTable() =>
        Assert.Equal(["no sandboxes"], CliViews.Render(80, c => SandboxView.List(JsonNode.Parse("""{"sandboxes":[]}""")!, c)));

    [Fact]
    public void List_AFailedSandbox_ReasonColumnWrapsWithinTheWidth()
    {
        var body = JsonNode.Parse("""
            {"sandboxes":[
              {"id":"s1","lifecycle":"ready","sharedFs":"virtiofs","containers":[{"id":"c1","lifecycle":"running"}]},
              {"id":"s2","lifecycle":"failed","sharedFs":"9p","containers":[],"reason":"the supervisor stopped: journal write failed: database is locked (the disk may be full or another process holds the lock)"}]}
            """)!;

        var lines = CliViews.Render(80, c => SandboxView.List(body, c));

        Assert.Equal(["SANDBOX", "STATE", "SHARED", "FS", "CONTAINERS", "REASON"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("s1       ready   virtiofs   1           -", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("s2       failed  9p         0           the supervisor stopped", lines[2], StringComparison.Ordinal);
        Assert.True(lines.Length > 3);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
    }

    [Fact]
    public void Show_NoContainers_DetailsThenASentence()
    {
        var body = JsonNode.Parse("""
            {"id":"s1","lifecycle":"ready","sharedFs":"virtiofs","blockDriver":"virtio-blk","mountsDir":"/run/o/sandboxes/s1/mounts",
             "sharedDir":"/run/o/sandboxes/s1/shared","containers":[],"teardownErrors":[]}
            """)!;

        Assert.Equal(
            ["sandbox s1: ready", "  shared fs     virtiofs", "  block driver  virtio-blk", "  shared dir    /run/o/sandboxes/s1/shared", "  mounts dir    /run/o/sandboxes/s1/mounts", "no containers"],
            CliViews.Render(80, c => SandboxView.Show(body, c)));
    }

    [Fact]
    public void Report_WithErrors_CountedInTheRightNumberAndOneALine()
    {
        var one = CliViews.Render(80, c => SandboxView.Report("sandbox", "destroyed")(JsonNode.Parse("""{"id":"s1","clean":false,"errors":["umount2 /x: EBUSY"]}""")!, c));
        var clean = CliViews.Render(80, c => SandboxView.Report("path", "removed")(JsonNode.Parse("""{"id":"/hot","clean":true,"errors":[]}""")!, c));

        Assert.Equal(["sandbox s1 destroyed, with 1 error:", "  umount2 /x: EBUSY"], one);
        Assert.Equal(["path /hot removed"], clean);
    }
}
