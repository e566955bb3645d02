using System.Collections.Frozen;
using System.Reflection;

namespace Orchestrator.Actors.Persistence.Serialization;

/// <summary>
/// The two-way map between stored manifests and event/snapshot types. Built once at start-up;
/// every conflict is an error then, not on the first replay after a crash.
/// </summary>
public sealed class EventManifestRegistry
{
    private readonly FrozenDictionary<string, Type> _typesByManifest;
    private readonly FrozenDictionary<Type, string> _manifestsByType;

    internal EventManifestRegistry(IReadOnlyDictionary<string, Type> typesByManifest)
    {
        _typesByManifest = typesByManifest.ToFrozenDictionary(StringComparer.Ordinal);
        _manifestsByType = typesByManifest.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);
    }

    /// <summary>Every registered manifest.</summary>
    public IReadOnlyCollection<string> Manifests => _typesByManifest.Keys;

    /// <summary>A registry of the given types, each of which must carry <see cref="EventManifestAttribute"/>.</summary>
    public static EventManifestRegistry FromTypes(params Type[] types)
    {
        var builder = new EventManifestRegistryBuilder();
        foreach (var type in types)
        {
            builder.Add(type);
        }

        return builder.Build();
    }

    /// <summary>A registry of every type in <paramref name="assemblies"/> that carries <see cref="EventManifestAttribute"/>.</summary>
    public static EventManifestRegistry FromAssemblies(params Assembly[] assemblies)
    {
        var builder = new EventManifestRegistryBuilder();
        foreach (var assembly in assemblies)
        {
            builder.AddAssembly(assembly);
        }

        return builder.Build();
    }

    /// <summary>The manifest <paramref name="type"/> is stored under.</summary>
    public bool TryGetManifest(Type type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? manifest) =>
        _manifestsByType.TryGetValue(type, out manifest);

    /// <summary>The type stored under <paramref name="manifest"/>.</summary>
    public bool TryGetType(string manifest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        _typesByManifest.TryGetValue(manifest, out type);
}
