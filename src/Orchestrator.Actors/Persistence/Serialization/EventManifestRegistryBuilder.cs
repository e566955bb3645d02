using System.Reflection;

namespace Orchestrator.Actors.Persistence.Serialization;

/// <summary>
/// Collects manifest registrations from attributes, explicit names and assembly scans, and
/// refuses any ambiguity: one manifest for two types, or two manifests for one type.
/// </summary>
public sealed class EventManifestRegistryBuilder
{
    private readonly Dictionary<string, Type> _typesByManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _manifestsByType = [];

    /// <summary>Registers <typeparamref name="T"/> under its <see cref="EventManifestAttribute"/>.</summary>
    public EventManifestRegistryBuilder Add<T>() => Add(typeof(T));

    /// <summary>Registers <paramref name="type"/> under its <see cref="EventManifestAttribute"/>.</summary>
    /// <exception cref="ArgumentException">The type carries no <see cref="EventManifestAttribute"/>.</exception>
    public EventManifestRegistryBuilder Add(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<EventManifestAttribute>(inherit: false)
            ?? throw new ArgumentException(
                $"Type {type.FullName} has no [EventManifest(\"...\")] attribute; add one to give it a stable stored name.",
                nameof(type));
        return Add(type, attribute.Manifest);
    }

    /// <summary>
    /// Registers <paramref name="type"/> under <paramref name="manifest"/>, for types that
    /// cannot carry the attribute.
    /// </summary>
    /// <exception cref="InvalidOperationException">The manifest or the type is already registered differently.</exception>
    public EventManifestRegistryBuilder Add(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);

        if (_typesByManifest.TryGetValue(manifest, out var existingType) && existingType != type)
        {
            throw new InvalidOperationException(
                $"Manifest '{manifest}' is declared by both {existingType.FullName} and {type.FullName}; each stored manifest must name exactly one type.");
        }

        if (_manifestsByType.TryGetValue(type, out var existingManifest) && existingManifest != manifest)
        {
            throw new InvalidOperationException(
                $"Type {type.FullName} is registered under both '{existingManifest}' and '{manifest}'; a type is written under one manifest.");
        }

        _typesByManifest[manifest] = type;
        _manifestsByType[type] = manifest;
        return this;
    }

    /// <summary>Registers every type of <paramref name="assembly"/> that carries <see cref="EventManifestAttribute"/>.</summary>
    public EventManifestRegistryBuilder AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            var attribute = type.GetCustomAttribute<EventManifestAttribute>(inherit: false);
            if (attribute is not null)
            {
                Add(type, attribute.Manifest);
            }
        }

        return this;
    }

    /// <summary>The registry of everything added.</summary>
    public EventManifestRegistry Build() => new(_typesByManifest);
}
