using Orchestrator.Actors.Plans;

namespace Orchestrator.Tests.Plans;

public class SystemdUnitsTests
{
    [Theory]
    [InlineData("/", "-")]
    [InlineData("/dev/pts", "dev-pts")]
    [InlineData("/run/a-b/c d", "run-a\\x2db-c\\x20d")]
    [InlineData("//var//lib/", "var-lib")]
    [InlineData("/.hidden/x", "\\x2ehidden-x")]
    [InlineData("/data/ünï", "data-\\xc3\\xbcn\\xc3\\xaf")]
    public void Path_LikeSystemdEscape_Escapes(string path, string expected) =>
        Assert.Equal(expected, SystemdEscape.Path(path));

    [Fact]
    public void Render_ReadOnlyBind_AddsRemountUnitOrderedAfterItsMountAndBeforeApp()
    {
        var ro = GuestMount.Bind("/etc/config", "/run/kata-containers/shared/containers/c1-config", readOnly: true);

        var units = SystemdUnits.Render([ro], "/run/c1/rootfs", "app.service");

        Assert.Equal(["run-c1-rootfs-etc-config.mount", "run-c1-rootfs-etc-config-remount-ro.service"], units.Select(u => u.Name));
        var mount = units[0].Text;
        Assert.Contains("Where=/run/c1/rootfs/etc/config\n", mount, StringComparison.Ordinal);
        Assert.Contains("What=/run/kata-containers/shared/containers/c1-config\n", mount, StringComparison.Ordinal);
        Assert.Contains("Type=none\n", mount, StringComparison.Ordinal);
        Assert.Contains("Options=rbind,rw\n", mount, StringComparison.Ordinal);
        Assert.Contains("Before=app.service\n", mount, StringComparison.Ordinal);
        var remount = units[1].Text;
        Assert.Contains("After=run-c1-rootfs-etc-config.mount\n", remount, StringComparison.Ordinal);
        Assert.Contains("Requires=run-c1-rootfs-etc-config.mount\n", remount, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/bin/mount -o remount,bind,ro /run/c1/rootfs/etc/config\n", remount, StringComparison.Ordinal);
        Assert.Contains("Before=app.service\n", remount, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MandatoryMounts_OneMountUnitEachNoRemount()
    {
        var units = SystemdUnits.Render(GuestMountList.Compile([]), "/", "app.service");

        Assert.Equal(5, units.Count);
        Assert.All(units, u => Assert.EndsWith(".mount", u.Name, StringComparison.Ordinal));
        Assert.Contains(units, u => u.Name == "proc.mount" && u.Text.Contains("Type=proc\n", StringComparison.Ordinal));
    }
}
