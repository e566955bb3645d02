using System.Collections.Frozen;
using System.Diagnostics;

namespace Orchestrator.Actors.Failpoints;

/// <summary>
/// Process-wide failpoints, configured once at start-up from <c>ORCHESTRATOR_FAILPOINTS</c>
/// (<c>name=crash;name2=error;name3=crash@3</c>). An unconfigured process pays one null check per
/// hit: the table is an immutable snapshot swapped in whole, read without locks or allocation.
/// </summary>
public static class Failpoints
{
    public const string EnvironmentVariable = "ORCHESTRATOR_FAILPOINTS";

    private static FrozenDictionary<string, FailpointAction>? _active;

    /// <summary>What is configured now (empty when nothing is).</summary>
    public static IReadOnlyDictionary<string, FailpointAction> Active =>
        (IReadOnlyDictionary<string, FailpointAction>?)Volatile.Read(ref _active) ?? FrozenDictionary<string, FailpointAction>.Empty;

    /// <summary>Replaces the configuration; null or empty turns every failpoint off.</summary>
    /// <exception cref="FormatException">A malformed entry, an unknown name or action.</exception>
    public static void Configure(string? spec) => Volatile.Write(ref _active, Parse(spec));

    public static FrozenDictionary<string, FailpointAction>? Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            return null;
        }

        var known = FailpointNames.All.ToHashSet(StringComparer.Ordinal);
        var table = new Dictionary<string, FailpointAction>(StringComparer.Ordinal);
        foreach (var entry in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new FormatException($"{EnvironmentVariable}: '{entry}' is not name=action");
            }

            if (!known.Contains(parts[0]))
            {
                throw new FormatException($"{EnvironmentVariable}: unknown failpoint '{parts[0]}' (list them with 'orchestrator failpoints')");
            }

            table[parts[0]] = ParseAction(parts[0], parts[1]);
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The hot path: returns at once unless <paramref name="name"/> is configured and fires now.</summary>
    public static void Hit(string name)
    {
        var active = Volatile.Read(ref _active);
        if (active is null || !active.TryGetValue(name, out var action) || !action.Fires())
        {
            return;
        }

        if (action.Kind == FailpointKind.Error)
        {
            throw new FailpointException(name);
        }

        // SIGKILL to ourselves: no finally blocks, no flushes, no graceful anything, exactly
        // like the crashes the journal and recovery must survive.
        Console.Error.WriteLine($"failpoint {name}: crash");
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private static FailpointAction ParseAction(string name, string text)
    {
        var at = text.Split('@', 2);
        var kind = at[0] switch
        {
            "crash" => FailpointKind.Crash,
            "error" => FailpointKind.Error,
            _ => throw new FormatException($"{EnvironmentVariable}: failpoint '{name}' has unknown action '{at[0]}'; expected crash, error, crash@N or error@N"),
        };
        var onHit = 0;
        if (at.Length == 2 && (!int.TryParse(at[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out onHit) || onHit < 1))
        {
            throw new FormatException($"{EnvironmentVariable}: failpoint '{name}' has '@{at[1]}'; N must be a whole number from 1");
        }

        return new FailpointAction(kind, onHit);
    }
}
