using System.Collections.Immutable;
using Akka.Actor;
using Akka.Serialization;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// How <see cref="EventJsonSerializer"/> is registered with an actor system: its name, the types it
/// is bound to (the event marker interfaces and every registered type), and the
/// <see cref="SerializationSetup"/> that carries it (Akka.Hosting's <c>WithCustomSerializer</c> builds
/// the same thing from <see cref="BoundTypes"/>).
/// </summary>
public static class EventSerialization
{
    /// <summary>The serializer's name in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "orchestrator-events";

    /// <summary>The event and snapshot types of the orchestrator's own actors.</summary>
    public static EventManifestRegistry DefaultRegistry { get; } = EventManifestRegistry.FromAssemblies(typeof(SandboxManager).Assembly);

    /// <summary>
    /// The marker interfaces of every persisted event (a resource event is both a container and a
    /// sandbox event), and each registered type by itself, so a snapshot state type or a test's
    /// event is bound without a marker.
    /// </summary>
    public static ImmutableHashSet<Type> BoundTypes(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var types = ImmutableHashSet.CreateBuilder<Type>();
        types.Add(typeof(IContainerEvent));
        types.Add(typeof(ISandboxEvent));
        types.Add(typeof(ISandboxManagerEvent));
        foreach (var manifest in registry.Manifests)
        {
            if (registry.TryGetType(manifest, out var type))
            {
                types.Add(type);
            }
        }

        return types.ToImmutable();
    }

    /// <summary>The setup that adds the serializer to an actor system built without Akka.Hosting.</summary>
    public static SerializationSetup Setup(EventManifestRegistry registry)
    {
        var bound = BoundTypes(registry);
        return SerializationSetup.Create(system => ImmutableHashSet.Create(
            SerializerDetails.Create(SerializerName, new EventJsonSerializer(system, registry), bound)));
    }
}
