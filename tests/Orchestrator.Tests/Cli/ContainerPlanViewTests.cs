using System.Text.Json.Nodes;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class ContainerPlanViewTests
{
    private const string GuestPath = "/run/kata-containers/shared/containers/c1-bd47413b5c03dfc6-configuration-volume";

    [Fact]
    public void Write_NoSharedPathsNoBlockDevices_SentencesInsteadOfEmptyTables()
    {
        var plan = Plan(sharedPaths: "[]", blockDevices: "[]");

        var lines = CliViews.Render(120, c => ContainerPlanView.Write(plan, c));

        Assert.Contains("no shared paths", lines);
        Assert.Contains("no block devices", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("CONTAINER PATH", StringComparison.Ordinal) || l.StartsWith('#'));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(240)]
    public void Write_LongPaths_NoLineWiderThanTheConsole(int width)
    {
        var plan = Plan(
            sharedPaths: $$"""[{"containerPath":"/etc/application/configuration","hostPath":"/srv/data/tenants/customer/volumes/configuration","sharedPath":"/run/o/x","guestPath":"{{GuestPath}}","readOnly":true,"watchable":true,"hotAdded":false}]""",
            blockDevices: """[{"index":0,"hostDevice":"/dev/loop0","guestAddress":"/dev/vda","containerPath":"/","fsType":"ext4","readOnly":false}]""");

        var lines = CliViews.Render(width, c => ContainerPlanView.Write(plan, c));

        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.Contains(lines, l => l.Contains("ro,watchable", StringComparison.Ordinal));
        Assert.Contains(["0", "/dev/loop0", "/dev/vda", "/", "ext4", "-"], lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        if (width >= 240)
        {
            Assert.Contains(lines, l => l.Contains(GuestPath, StringComparison.Ordinal));
        }
    }

    private static JsonNode Plan(string sharedPaths, string blockDevices) => JsonNode.Parse($$"""
        {"sandboxId":"s1","containerId":"c1","lifecycle":"running",
         "rootfs":{"type":"bind","readOnly":false,"hostPath":"/run/o/sandboxes/s1/mounts/c1/rootfs","guestPath":"/run/kata-containers/shared/containers/c1/rootfs"},
         "sharedPaths":{{sharedPaths}},"blockDevices":{{blockDevices}},
         "ociMounts":[{"destination":"/proc","type":"proc","source":"proc","options":["nosuid","noexec","nodev"]},
                      {"destination":"/etc/application/configuration","type":"bind","source":"{{GuestPath}}","options":["rbind","ro"]}],
         "systemdUnits":[]}
        """)!;
}
