using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Akka.Persistence.Journal;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Events;

/// <summary>
/// The journal's write adapter for every sandbox, container and manager event: a lifecycle event
/// (<see cref="LifecycleEvents.TypeOf"/>) is stored with the <see cref="LifecycleEvents.Tag"/> tag,
/// so the event stream reads the tag table instead of scanning and decoding every row. Bound in
/// the journal plugin's <c>event-adapter-bindings</c> (<c>JournalPersistence</c>); the payload is
/// stored unchanged either way.
/// </summary>
public sealed class LifecycleTagger : IWriteEventAdapter
{
    private static readonly ImmutableHashSet<string> Tags = [LifecycleEvents.Tag];
    private static readonly ConcurrentDictionary<Type, string?> Manifests = new();

    /// <inheritdoc />
    public string Manifest(object evt) => string.Empty;

    /// <inheritdoc />
    public object ToJournal(object evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var manifest = Manifests.GetOrAdd(evt.GetType(), static type => type.GetCustomAttribute<EventManifestAttribute>()?.Manifest);
        return manifest is not null && LifecycleEvents.TypeOf(manifest, evt) is not null ? new Tagged(evt, Tags) : evt;
    }
}
