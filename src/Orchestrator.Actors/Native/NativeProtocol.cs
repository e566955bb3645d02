using System.Diagnostics;
using Orchestrator.Native.HostPaths;

namespace Orchestrator.Actors.Native;

// What NativeCallActor accepts and answers. Each request gets exactly one reply: its typed
// success record, or NativeFailed carrying the syscall, errno and paths. Expected outcomes
// (not mounted, busy, a planted symlink) are results in the success record, not failures.

/// <summary>The marker of every request the native-call actor accepts.</summary>
public interface INativeRequest;

/// <summary>The marker of every reply it sends.</summary>
public interface INativeReply;

/// <summary>
/// A request tagged with the caller's call id. A restarted actor keeps its ActorRef, so the reply
/// to a call made before the restart can arrive afterwards: the id lets the caller tell that
/// stale reply from the one it waits for. <see cref="Trace"/> is the calling step's span, the parent
/// of the call's own (default, and no span, when nobody traces).
/// </summary>
public sealed record NativeCall(long Id, INativeRequest Request, ActivityContext Trace = default);

/// <summary>The reply to a <see cref="NativeCall"/>, carrying its id back.</summary>
public sealed record NativeCallReply(long Id, INativeReply Reply);

/// <summary>Any request failed; the caller decides what the failure means for its step.</summary>
public sealed record NativeFailed(NativeError Error) : INativeReply;

/// <summary>Create a directory (and its parents) with mode 0750 unless it exists.</summary>
public sealed record EnsureDirectory(string Path) : INativeRequest;

public sealed record DirectoryEnsured(string Path, bool Created) : INativeReply;

/// <summary>
/// Bind <see cref="Source"/> (symlinks resolved) at <see cref="Target"/>, creating the target.
/// With <see cref="ReadOnly"/> and a <see cref="StagingDir"/>, the bind is made read-only in the
/// private staging dir first and that bind is bound to the target, so the flag travels with the
/// mount into every propagated copy (a remount of the target alone would not reach them).
/// </summary>
public sealed record BindMount(string Source, string Target, bool ReadOnly, string Propagation = "private", string? StagingDir = null) : INativeRequest;

public sealed record BindMounted(string Target) : INativeReply;

/// <summary>
/// <c>umount2(Target, UMOUNT_NOFOLLOW [| MNT_DETACH])</c>, after checking that no component of
/// the target below <see cref="Root"/> is a symlink (a guest can write into the shared dir).
/// </summary>
public sealed record Unmount(string Root, string Target, bool Detach = false) : INativeRequest;

public sealed record UnmountDone(string Target, UnmountOutcome Outcome) : INativeReply;

public enum UnmountOutcome
{
    Unmounted,

    /// <summary>EINVAL or ENOENT: nothing mounted there; already done.</summary>
    NotMounted,

    /// <summary>EBUSY: retry later, then consider a lazy detach.</summary>
    Busy,

    /// <summary>A symlink stands in the path; nothing was done.</summary>
    RefusedSymlink,
}

/// <summary>Remove an empty mount point (directory or file) at <see cref="Target"/> under <see cref="Root"/>, never through a symlink.</summary>
public sealed record RemoveMountPoint(string Root, string Target) : INativeRequest;

public sealed record MountPointRemoved(string Target, RemoveOutcome Outcome) : INativeReply;

public enum RemoveOutcome
{
    Removed,
    AlreadyGone,
    Busy,
    RefusedSymlink,
}

/// <summary>Attach an image file to a free loop device (autoclear); the actor keeps it open while attached.</summary>
public sealed record AttachLoop(string Image, bool ReadOnly) : INativeRequest;

public sealed record LoopAttached(string Image, string Device) : INativeReply;

/// <summary>Detach the loop device attached to <see cref="Image"/>; detaching a device that is gone is "already done".</summary>
public sealed record DetachLoop(string Image, string Device) : INativeRequest;

public sealed record LoopDetached(string Device, bool WasAttached) : INativeReply;

/// <summary>Which loop device, if any, is attached to <see cref="Image"/> (recovery re-adopts it).</summary>
public sealed record FindLoop(string Image) : INativeRequest;

public sealed record LoopFound(string Image, string? Device) : INativeReply;

/// <summary>The mount points at or below <see cref="Under"/> in the native thread's mount namespace.</summary>
public sealed record ReadMounts(string Under) : INativeRequest;

public sealed record MountsRead(IReadOnlyList<string> MountPoints) : INativeReply;

/// <summary>
/// Read the whole mount table now when <see cref="Under"/> holds anything: the reconciliation
/// that follows a start asks about every sandbox there, and one read answers all of it. Sent by
/// the sandbox manager as it starts, so that the read (half a second at 50,000 mounts) overlaps
/// the journal's start-up scan instead of following it.
/// </summary>
public sealed record PrepareReconciliation(string Under) : INativeRequest;

/// <summary>Whether <see cref="PrepareReconciliation"/> read the table.</summary>
public sealed record ReconciliationPrepared(bool TableRead) : INativeReply;

/// <summary>Resolve and classify host mount sources (what they are, where they live) before anything is mounted.</summary>
public sealed record InspectHostPaths(IReadOnlyList<string> Sources) : INativeRequest;

public sealed record HostPathsInspected(IReadOnlyList<InspectedPath> Paths) : INativeReply;

/// <summary>
/// What inspection found about one source, after resolving its symlinks (classification on the
/// unresolved path is bypassed by <c>/tmp/evil -> /</c>); <see cref="Problem"/> is set when it cannot be used.
/// </summary>
public sealed record InspectedPath(
    string Source,
    string ResolvedPath,
    HostPathKind Kind,
    bool IsDirectory,
    bool IsBlockDevice,
    bool Watchable,
    string? Problem);

/// <summary>Mount a rafs instance through nydusd's API at <see cref="MountPoint"/>.</summary>
public sealed record NydusMount(string ApiSocket, string MountPoint, string Bootstrap, string Config) : INativeRequest;

public sealed record NydusMounted(string MountPoint) : INativeReply;

/// <summary>Unmount a rafs instance; a missing mount point or a gone daemon is "already done".</summary>
public sealed record NydusUnmount(string ApiSocket, string MountPoint) : INativeRequest;

public sealed record NydusUnmounted(string MountPoint, bool WasMounted) : INativeReply;

/// <summary>Mount a tmpfs at <see cref="Target"/> (created if missing), e.g. a scratch area inside the actor's namespace.</summary>
public sealed record MountTmpfs(string Target, long? SizeBytes = null, UnixFileMode? Mode = null) : INativeRequest;

public sealed record TmpfsMounted(string Target) : INativeReply;

/// <summary>Where native calls run: the actor thread's <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;</c> and its namespace mode.</summary>
public sealed record GetNativeInfo : INativeRequest;

/// <summary>
/// <see cref="TaskProcPath"/> (<c>/proc/&lt;pid&gt;/task/&lt;tid&gt;</c>) gives others that thread's view:
/// its <c>mountinfo</c>, and its <c>root</c> through which paths resolve in its mount namespace.
/// </summary>
public sealed record NativeInfo(string TaskProcPath, MountNamespaceMode Mode) : INativeReply;

/// <summary>
/// Empty a staging directory: detach every mount below <see cref="Directory"/> (deepest first),
/// then remove every entry left in it, mounted or not. Staging points live only inside one
/// read-only bind, so anything found here was left by a crash mid-call.
/// </summary>
public sealed record SweepStaging(string Root, string Directory) : INativeRequest;

public sealed record StagingSwept(IReadOnlyList<string> Detached, IReadOnlyList<string> Removed) : INativeReply;
