using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Events;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Events;

/// <summary>
/// Turns one journaled event into its public form: the type <see cref="LifecycleEvents.TypeOf"/> gives
/// it, the position and time of its row, the ids its persistence id names, and the values a VM manager
/// acts on. Internal events with no lifecycle meaning map to null.
/// </summary>
internal sealed class EventMapping(EventManifestRegistry registry)
{
    /// <param name="position">The row's ordering.</param>
    /// <param name="ticks">The row's timestamp (UTC ticks).</param>
    /// <param name="owner">Whose history the row belongs to.</param>
    /// <param name="payload">The deserialized event.</param>
    public EventResponse? Map(long position, long ticks, JournalOwner? owner, object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!registry.TryGetManifest(payload.GetType(), out var manifest) || LifecycleEvents.TypeOf(manifest, payload) is not { } type)
        {
            return null;
        }

        var e = new EventResponse(type, position, new DateTimeOffset(ticks, TimeSpan.Zero), owner?.SandboxId, owner?.ContainerId);
        return payload switch
        {
            SandboxCreateRequested c => e with
            {
                SandboxId = c.SandboxId,
                SharedFs = c.SharedFs == SharedFs.NineP ? SharedFsKind.NineP : SharedFsKind.VirtioFs,
                BlockDriver = c.BlockDriver == BlockDriver.VirtioScsi ? BlockDriverKind.VirtioScsi : BlockDriverKind.VirtioBlk,
            },
            SandboxCreateFailed f => e with { Reason = f.Reason },
            SandboxDestroyStarted d => e with { Reason = d.Reason },
            SandboxDestroyed d => e with { Errors = d.Errors },
            ContainerCreateRequested c => e with { SandboxId = c.SandboxId, ContainerId = c.Spec.Id },
            ContainerCreateFailed f => e with { Reason = f.Reason },
            TeardownStarted t => e with { Reason = t.Reason },
            TeardownCompleted t => e with { Errors = t.Errors },
            UndoFailed f => e with
            {
                Resource = f.Key,
                Target = f.Target,
                Reason = f.Error.Message,
                Error = new EventErrorResponse(f.Error.Syscall, f.Error.Errno, f.Error.Paths, f.Error.Message),
            },
            UndoRefused r => e with { Resource = r.Key, Target = r.Target, Reason = r.Reason },
            ResourceUndone u => e with { Resource = u.Key, Target = u.Target, Attempts = u.Attempts },
            // The service's own events concern every sandbox.
            ServiceRecoveryStarted r => e with { SandboxId = null, ContainerId = null, Sandboxes = r.Sandboxes },
            ServiceRecoveryFinished r => e with { SandboxId = null, ContainerId = null, Sandboxes = r.Sandboxes, Containers = r.Containers, ElapsedMs = r.ElapsedMs },
            _ => e,
        };
    }

    /// <summary>True when <paramref name="e"/> passes <c>?sandbox=</c>: the sandbox's own events, and service events, which concern every sandbox.</summary>
    public static bool Matches(EventResponse e, string? sandboxId) =>
        sandboxId is null || e.SandboxId is null || string.Equals(e.SandboxId, sandboxId, StringComparison.Ordinal);
}
