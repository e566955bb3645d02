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

    /// <summary>How long a listing waits for every sandbox to describe itself.</summary>
    public TimeSpan ListTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the actors of the tree log (category: the actor's class).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public SandboxLayout Layout(string sandboxId) => new(RunDir, sandboxId);
}
