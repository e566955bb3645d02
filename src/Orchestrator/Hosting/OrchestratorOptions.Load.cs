using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Hosting;

public sealed partial record OrchestratorOptions
{
    private const string DefaultStateDir = "/var/lib/orchestrator";
    private const string DefaultRunDir = "/run/orchestrator";
    private const int DefaultRetainDestroyedSeconds = 300;

    // Longer than the bursts in which a VM manager talks about one container (create, plan, hot adds),
    // short enough that a node's idle containers, every one of them respawned by recovery after a
    // start, leave memory within a minute. A wake-up costs one replay of the container's journal and
    // one listing of its sandbox's mounts: milliseconds.
    private const int DefaultPassivateIdleContainersAfterSeconds = 30;

    /// <summary>
    /// Reads and validates the <c>Orchestrator</c> section. Touches no file: <see cref="CanonicalizeRunDir"/>
    /// is the step that creates the run directory. Throws <see cref="ConfigurationProblemException"/> naming
    /// the first unusable key.
    /// </summary>
    public static OrchestratorOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var stateDir = AbsolutePath(section, "StateDir") ?? DefaultStateDir;
        var runDir = AbsolutePath(section, "RunDir") ?? DefaultRunDir;
        var socket = AbsolutePath(section, "Socket") ?? Path.Combine(runDir, "orchestrator.sock");
        var provider = Provider(section);
        var connectionString = Text(section, "Journal:ConnectionString");
        if (provider == JournalProvider.Postgres && connectionString is null)
        {
            throw Problem("Journal:ConnectionString", "required when Orchestrator:Journal:Provider is Postgres");
        }

        var teardown = new TeardownRetryPolicy(
            Integer(section, "Teardown:MaxAttempts", TeardownRetryPolicy.Default.MaxAttempts, 1, 100),
            TimeSpan.FromMilliseconds(Integer(section, "Teardown:InitialDelayMs", (int)TeardownRetryPolicy.Default.InitialDelay.TotalMilliseconds, 0, 600_000)),
            Number(section, "Teardown:Multiplier", TeardownRetryPolicy.Default.Multiplier, 1.0, 100.0),
            TimeSpan.FromMilliseconds(Integer(section, "Teardown:MaxDelayMs", (int)TeardownRetryPolicy.Default.MaxDelay.TotalMilliseconds, 0, 600_000)));
        if (teardown.MaxDelay < teardown.InitialDelay)
        {
            throw Problem("Teardown:MaxDelayMs", $"must be at least Orchestrator:Teardown:InitialDelayMs ({teardown.InitialDelay.TotalMilliseconds}), got {teardown.MaxDelay.TotalMilliseconds}");
        }

        teardown.Validate();
        return new OrchestratorOptions
        {
            StateDir = stateDir,
            RunDir = runDir,
            Socket = socket,
            SocketGroup = Group(section),
            SocketMode = Mode(section),
            JournalProvider = provider,
            JournalConnectionString = connectionString,
            RetainDestroyed = TimeSpan.FromSeconds(Integer(section, "Journal:RetainDestroyedSeconds", DefaultRetainDestroyedSeconds, 0, 604_800)),
            PassivateIdleContainersAfter = TimeSpan.FromSeconds(Math.Max(0, Integer(section, "PassivateIdleContainersAfterSeconds", DefaultPassivateIdleContainersAfterSeconds, int.MinValue, 86_400))),
            MountNamespace = Namespace(section),
            NydusApiSocket = AbsolutePath(section, "Native:NydusApiSocket"),
            AllowedSourceRoots = AbsolutePaths(section, "Sources:AllowedRoots"),
            Teardown = teardown,
            ShutdownTimeout = TimeSpan.FromSeconds(Integer(section, "ShutdownTimeoutSeconds", 30, 1, 3600)),
            Events = EventLimits(section),
            Telemetry = LoadTelemetry(configuration, section),
        };
    }

    /// <summary>
    /// Creates <see cref="RunDir"/> (missing directories 0750, whatever the umask) and replaces it by its real path: the native layer refuses paths
    /// with a symlinked component, and <c>/run</c> is a symlink on some distributions (<c>/var/run</c>).
    /// </summary>
    public OrchestratorOptions CanonicalizeRunDir()
    {
        UnixSocketGuard.CreateDirectories(RunDir, UnixSocketGuard.DirectoryMode);
        var real = RealPath(RunDir);
        return real == RunDir ? this : this with { RunDir = real };
    }

    private static string RealPath(string path)
    {
        var resolved = "/";
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        for (var hops = 0; pending.Count > 0;)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }

            var candidate = Path.Combine(resolved, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++hops > 40)
            {
                throw Problem("RunDir", $"too many levels of symbolic links below '{path}'");
            }

            if (target.StartsWith('/'))
            {
                resolved = "/";
            }

            foreach (var next in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(next);
            }
        }

        return resolved;
    }

    private static Orchestrator.Events.EventStreamOptions EventLimits(IConfiguration section)
    {
        var defaults = Orchestrator.Events.EventStreamOptions.Default;
        return new(
            Integer(section, "Events:MaxSubscribers", defaults.MaxSubscribers, 1, 10_000),
            // Below a page of the journal's query, a client that keeps up could be dropped by one burst.
            Integer(section, "Events:BufferSize", defaults.BufferSize, Actors.Events.LifecycleJournal.PageSize, 1_000_000),
            TimeSpan.FromMilliseconds(Integer(section, "Events:WriteTimeoutMs", (int)defaults.WriteTimeout.TotalMilliseconds, 100, 600_000)),
            TimeSpan.FromMilliseconds(Integer(section, "Events:HeartbeatMs", (int)defaults.Heartbeat.TotalMilliseconds, 100, 600_000)));
    }

    private static ConfigurationProblemException Problem(string key, string problem) => new(Section + ":" + key, problem);

    private static string? Text(IConfiguration section, string key)
    {
        var value = section[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A list of absolute paths (<c>Key:0</c>, <c>Key:1</c>, … or one comma-separated value); empty when unset.</summary>
    private static IReadOnlyList<string> AbsolutePaths(IConfiguration section, string key)
    {
        var items = section.GetSection(key).GetChildren().Select(c => (Key: $"{key}:{c.Key}", c.Value)).ToList();
        if (items.Count == 0 && Text(section, key) is { } joined)
        {
            items = [.. joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (Key: key, Value: (string?)v))];
        }

        return [.. items.Select(item => item.Value is { Length: > 0 } value && value.StartsWith('/') && !value.Contains('\0', StringComparison.Ordinal)
            ? value
            : throw Problem(item.Key, $"must be an absolute path, got '{item.Value}'"))];
    }

    private static string? AbsolutePath(IConfiguration section, string key)
    {
        if (Text(section, key) is not { } value)
        {
            return null;
        }

        if (!value.StartsWith('/'))
        {
            throw Problem(key, $"must be an absolute path, got '{value}'");
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw Problem(key, "must not contain a NUL character");
        }

        var full = Path.GetFullPath(value);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private static JournalProvider Provider(IConfiguration section) => Text(section, "Journal:Provider") switch
    {
        null => JournalProvider.Sqlite,
        var v when v.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => JournalProvider.Sqlite,
        var v when v.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => JournalProvider.Postgres,
        var v => throw Problem("Journal:Provider", $"unknown provider '{v}'; expected Sqlite or Postgres"),
    };

    private static MountNamespaceMode Namespace(IConfiguration section) => Text(section, "Native:MountNamespace") switch
    {
        null => MountNamespaceMode.Host,
        var v when v.Equals("host", StringComparison.OrdinalIgnoreCase) => MountNamespaceMode.Host,
        var v when v.Equals("private", StringComparison.OrdinalIgnoreCase) => MountNamespaceMode.Private,
        var v => throw Problem("Native:MountNamespace", $"unknown mode '{v}'; expected host or private"),
    };

    private static int Integer(IConfiguration section, string key, int fallback, int min, int max)
    {
        if (Text(section, key) is not { } value)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            throw Problem(key, $"must be an integer, got '{value}'");
        }

        return parsed >= min && parsed <= max ? parsed : throw Problem(key, $"must be between {min} and {max}, got {parsed}");
    }

    private static double Number(IConfiguration section, string key, double fallback, double min, double max)
    {
        if (Text(section, key) is not { } value)
        {
            return fallback;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            throw Problem(key, $"must be a number, got '{value}'");
        }

        return parsed >= min && parsed <= max ? parsed : throw Problem(key, $"must be between {min} and {max}, got {parsed}");
    }
}
