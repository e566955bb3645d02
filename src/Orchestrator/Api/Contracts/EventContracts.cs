namespace Orchestrator.Api.Contracts;

// The bodies of GET /v1/events: each server-sent event's data is one of these, camelCase, absent
// rather than null members (ApiJson.Options). Types are listed in Orchestrator.Actors.Events.LifecycleEvents.

/// <summary>
/// One lifecycle event, as the <c>data</c> of the server-sent event whose <c>id</c> is
/// <see cref="Position"/> and whose <c>event</c> is <see cref="Type"/>.
/// </summary>
/// <param name="Type">The public type (<c>container.running</c>); stable across releases.</param>
/// <param name="Position">The journal's global ordering of the event: increasing, never reused; resume after it.</param>
/// <param name="Time">When the event was journaled (UTC).</param>
/// <param name="SandboxId">The sandbox; absent for service events.</param>
/// <param name="ContainerId">The container, for container events and a container's teardown events.</param>
/// <param name="Reason">Why: a failure's reason, a destroy's cause, a refused undo's explanation.</param>
/// <param name="Errors">A destroy's teardown errors (empty when clean).</param>
/// <param name="Resource">The resource a teardown event is about (<c>rootfs</c>, <c>mount:/data</c>, <c>shared-bind</c>).</param>
/// <param name="Target">Its host path, where the journal recorded it.</param>
/// <param name="Error">A failed undo's native error.</param>
/// <param name="Attempts">How many unmounts a lazy detach followed.</param>
/// <param name="SharedFs">A created sandbox's shared file system.</param>
/// <param name="BlockDriver">A created sandbox's block driver.</param>
/// <param name="Sandboxes">Recovery: sandboxes being (or that were) recovered.</param>
/// <param name="Containers">Recovery: containers recovered.</param>
/// <param name="ElapsedMs">Recovery: how long it took.</param>
public sealed record EventResponse(
    string Type,
    long Position,
    DateTimeOffset Time,
    string? SandboxId = null,
    string? ContainerId = null,
    string? Reason = null,
    IReadOnlyList<string>? Errors = null,
    string? Resource = null,
    string? Target = null,
    EventErrorResponse? Error = null,
    int? Attempts = null,
    SharedFsKind? SharedFs = null,
    BlockDriverKind? BlockDriver = null,
    int? Sandboxes = null,
    int? Containers = null,
    long? ElapsedMs = null);

/// <summary>What a failed undo's call answered: the syscall (or nydusd call), errno, paths and message.</summary>
public sealed record EventErrorResponse(string Syscall, string Errno, IReadOnlyList<string> Paths, string Message);

/// <summary>
/// The last message of a stream the server ends: <c>event: dropped</c> (the client fell too far behind)
/// or <c>event: shutdown</c> (the service is stopping). Reconnect with <c>Last-Event-ID</c> (or
/// <c>?after=</c>) set to <see cref="ResumeAfter"/> to miss nothing.
/// </summary>
public sealed record StreamEndResponse(string Type, long ResumeAfter, string Reason);

/// <summary>The stream's control event types, beside the lifecycle types.</summary>
public static class StreamEndTypes
{
    public const string Dropped = "dropped";
    public const string Shutdown = "shutdown";
}
