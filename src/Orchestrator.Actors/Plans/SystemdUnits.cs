using System.Text;

namespace Orchestrator.Actors.Plans;

/// <summary>
/// Renders a compiled mount list as systemd units for the guest: one <c>.mount</c> unit per mount
/// (mount points under <paramref name="guestRoot"/>), ordered before the application's service, plus
/// a oneshot remount unit for every read-only bind, because the kernel applies <c>ro</c> to a bind
/// only on a second, remounting call.
/// </summary>
public static class SystemdUnits
{
    public static IReadOnlyList<SystemdUnit> Render(IEnumerable<GuestMount> mounts, string guestRoot, string appService)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentException.ThrowIfNullOrEmpty(appService);
        var root = GuestMountList.Normalize(guestRoot);
        var units = new List<SystemdUnit>();
        foreach (var m in mounts)
        {
            var where = root == "/" ? m.Destination : root + (m.Destination == "/" ? string.Empty : m.Destination);
            var mountUnit = SystemdEscape.MountUnit(where);
            units.Add(new SystemdUnit(mountUnit, MountUnitText(m, where, appService)));
            if (m.NeedsReadOnlyRemount)
            {
                var name = SystemdEscape.Path(where) + "-remount-ro.service";
                units.Add(new SystemdUnit(name, RemountUnitText(where, mountUnit, appService)));
            }
        }

        return units;
    }

    private static string MountUnitText(GuestMount m, string where, string appService)
    {
        // The ro flag is applied by the remount unit; handing it to the bind would be silently ignored.
        var options = m.NeedsReadOnlyRemount ? m.Options.Where(o => o != "ro").Append("rw") : m.Options;
        var sb = new StringBuilder();
        sb.Append("[Unit]\n")
          .Append("Description=Container mount ").Append(m.Destination).Append('\n')
          .Append("DefaultDependencies=no\n")
          .Append("Before=").Append(appService).Append('\n')
          .Append("\n[Mount]\n")
          .Append("What=").Append(m.Source).Append('\n')
          .Append("Where=").Append(where).Append('\n')
          .Append("Type=").Append(m.IsBind ? "none" : m.Type).Append('\n')
          .Append("Options=").Append(string.Join(',', options.Distinct())).Append('\n')
          .Append("\n[Install]\n")
          .Append("RequiredBy=").Append(appService).Append('\n');
        return sb.ToString();
    }

    private static string RemountUnitText(string where, string mountUnit, string appService) =>
        new StringBuilder()
            .Append("[Unit]\n")
            .Append("Description=Remount ").Append(where).Append(" read-only\n")
            .Append("DefaultDependencies=no\n")
            .Append("Requires=").Append(mountUnit).Append('\n')
            .Append("After=").Append(mountUnit).Append('\n')
            .Append("Before=").Append(appService).Append('\n')
            .Append("\n[Service]\n")
            .Append("Type=oneshot\n")
            .Append("RemainAfterExit=yes\n")
            .Append("ExecStart=/bin/mount -o remount,bind,ro ").Append(where).Append('\n')
            .Append("\n[Install]\n")
            .Append("RequiredBy=").Append(appService).Append('\n')
            .ToString();
}
