using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>What every actor of the sandbox tree needs to know about the host it runs on.</summary>
public sealed record SandboxTreeSettings
{
    /// <summary>Where sandboxes are laid out (<c>&lt;run&gt;/sandboxes/&lt;sid&gt;</c>); must be a canonical path.</summary>
    public required string RunDir { get; init; }

    /// <summary>nydusd's API socket; nydus rootfs is refused without one.</summary>
    public string? NydusApiSocket { get; init; }

    public TeardownRetryPolicy RetryPolicy { get; init; } = TeardownRetryPolicy.Default;

    /// <summary>How long a step waits for the native-call actor before the step is treated as unknown.</summary>
    public TimeSpan NativeCallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a sandbox waits for one container's teardown (retries with backoff included).</summary>
    public TimeSpan ContainerTeardownTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A container or sandbox that fails this many times within <see cref="ChildRestartWindow"/> is
    /// stopped instead of restarted again, so a persistent fault cannot spin in a tight loop.
    /// </summary>
    public int MaxChildRestarts { get; init; } = 3;

    public TimeSpan ChildRestartWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A container actor idle this long (no operation running, nothing waiting, and settled: Running,
    /// or Failed with nothing left to undo) is stopped; the next message for it respawns it from its
    /// journal. Its mounts, loop devices and nydus instance stay where they are. Zero or negative: never.
    /// </summary>
    public TimeSpan PassivateIdleContainersAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a listing waits for every sandbox to describe itself.</summary>
    public TimeSpan ListTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the journal keeps the history of a destroyed sandbox or a removed container before
    /// deleting it; the event stream serves lifecycle events from the journal, and a client that
    /// reconnects within this delay still finds those of what was just destroyed.
    /// </summary>
    public TimeSpan RetainDestroyed { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How a failed deletion of retired histories is retried; once the attempts are spent it waits
    /// for the next retirement or the next start, the histories stay listed as retired.
    /// </summary>
    public TeardownRetryPolicy PurgeRetryPolicy { get; init; } = new(8, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(5));

    /// <summary>How long the manager waits for the journal to answer one deletion before counting it failed.</summary>
    public TimeSpan PurgeTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The sandbox manager snapshots its registry after this many events and deletes the events the snapshot covers.</summary>
    public int RegistrySnapshotEvery { get; init; } = 100;

    /// <summary>Where the actors of the tree log (category: the actor's class).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public SandboxLayout Layout(string sandboxId) => new(RunDir, sandboxId);
}
