namespace Orchestrator.EndToEnd.Support;

/// <summary>The <c>[Service]</c> settings of an installed unit file that decide how its process starts.</summary>
public sealed record InstalledUnit(
    IReadOnlyList<string> ExecStart,
    IReadOnlyDictionary<string, string> Environment,
    string? UMask,
    bool NoNewPrivileges,
    IReadOnlyList<string> CapabilityBoundingSet,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Parses a unit file (one <c>Key=Value</c> a line, <c>#</c> comments; no quoting beyond what this unit uses).</summary>
    public static InstalledUnit Parse(string path)
    {
        var section = "";
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }

            if (section != "Service")
            {
                continue;
            }

            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (key == "Environment")
            {
                foreach (var assignment in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                    environment[assignment[..equals]] = assignment[(equals + 1)..];
                }

                continue;
            }

            settings[key] = value;
        }

        return new InstalledUnit(
            settings["ExecStart"].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            environment,
            settings.GetValueOrDefault("UMask"),
            settings.GetValueOrDefault("NoNewPrivileges") == "yes",
            settings.TryGetValue("CapabilityBoundingSet", out var caps) ? caps.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
            settings);
    }
}
