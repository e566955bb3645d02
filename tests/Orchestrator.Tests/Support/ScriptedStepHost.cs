using Orchestrator.Native.HostPaths;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Native;

namespace Orchestrator.Tests.Support;

/// <summary>A container's step host whose native answers come from a script and whose journal is a list.</summary>
internal sealed class ScriptedStepHost(Func<INativeRequest, INativeReply> answer, ContainerState? state = null)
    : ScriptedHost<IContainerEvent>(answer), IContainerStepHost
{
    public ContainerState State { get; private set; } = state ?? ContainerState.Empty;

    public string ContainerId => "c1";


    public override ResourceLedger Ledger => State.Ledger;

    public override string SafeRoot => Layout.Root;

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

    protected override string? OwnerContainerId => ContainerId;

    protected override void Apply(IContainerEvent e) => State = State.Apply(e);
}
