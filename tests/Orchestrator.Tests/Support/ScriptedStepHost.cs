using Orchestrator.Native.HostPaths;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Tests.Support;

/// <summary>A step host whose native answers come from a script and whose journal is a list.</summary>
internal sealed class ScriptedStepHost : IContainerStepHost
{
    private readonly Func<INativeRequest, INativeReply> _answer;

    public ScriptedStepHost(Func<INativeRequest, INativeReply> answer, ContainerState? state = null)
    {
        _answer = answer;
        State = state ?? ContainerState.Empty;
    }

    public ContainerState State { get; private set; }

    public SandboxLayout Layout { get; } = new("/run/o", "s1");

    public string ContainerId => "c1";

    public ResourceLedger Ledger => State.Ledger;

    public string SandboxId => Layout.SandboxId;

    public string SafeRoot => Layout.Root;

    public string? NydusApiSocket { get; init; } = "/run/nydusd/api.sock";

    public ILogger Log => NullLogger.Instance;

    public List<IContainerEvent> Events { get; } = [];

    public List<INativeRequest> Calls { get; } = [];

    public List<TimeSpan> Delays { get; } = [];

    public Task PersistAsync(IContainerEvent e)
    {
        Events.Add(e);
        State = State.Apply(e);
        return Task.CompletedTask;
    }

    public async Task PersistAllAsync(IReadOnlyList<IContainerEvent> events)
    {
        foreach (var e in events)
        {
            await PersistAsync(e);
        }
    }

    public Task PersistAsync(IResourceEvent e) => PersistAsync((IContainerEvent)e);

    public Task PersistAllAsync(IReadOnlyList<IResourceEvent> events) => PersistAllAsync(events.Cast<IContainerEvent>().ToList());

    public Task<INativeReply> CallAsync(INativeRequest request)
    {
        Calls.Add(request);
        return Task.FromResult(_answer(request));
    }

    public Task DelayAsync(TimeSpan delay)
    {
        Delays.Add(delay);
        return Task.CompletedTask;
    }

    /// <summary>The answers a healthy host gives: everything exists, every call succeeds.</summary>
    public static INativeReply Healthy(INativeRequest request) => request switch
    {
        InspectHostPaths i => new HostPathsInspected(i.Sources.Select(s => new InspectedPath(
            s, s, HostPathKind.Plain, IsDirectory: !s.EndsWith(".img", StringComparison.Ordinal) && !s.StartsWith("/dev/", StringComparison.Ordinal), IsBlockDevice: s.StartsWith("/dev/", StringComparison.Ordinal), Watchable: false, Problem: null)).ToList()),
        EnsureDirectory e => new DirectoryEnsured(e.Path, true),
        BindMount b => new BindMounted(b.Target),
        AttachLoop a => new LoopAttached(a.Image, "/dev/loop9"),
        NydusMount n => new NydusMounted(n.MountPoint),
        Unmount u => new UnmountDone(u.Target, UnmountOutcome.Unmounted),
        RemoveMountPoint r => new MountPointRemoved(r.Target, RemoveOutcome.Removed),
        DetachLoop d => new LoopDetached(d.Device, true),
        NydusUnmount n => new NydusUnmounted(n.MountPoint, true),
        ReadMounts => new MountsRead([]),
        FindLoop f => new LoopFound(f.Image, null),
        SweepStaging => new StagingSwept([], []),
        _ => throw new InvalidOperationException($"no scripted answer for {request}"),
    };

    public static NativeFailed Failure(string syscall, string errno, string path) =>
        new(new NativeError(syscall, errno, [path], $"{syscall} {path}: {errno}"));
}
