using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Actors.Persistence.Serialization;

/// <summary>
/// Turns events and snapshots into stored bytes and back: System.Text.Json under the manifest
/// of <see cref="EventManifestRegistry"/>. Every store uses it, the in-memory ones included,
/// so a payload that would not survive a restart is refused in tests too.
/// </summary>
/// <remarks>
/// The JSON shape is part of the stored format and must not drift: camelCase property names,
/// enums as their member names, no indentation. Unknown JSON properties are ignored on read so
/// an event type may gain an optional property without a new manifest.
/// </remarks>
public sealed class EventSerializer
{
    private readonly EventManifestRegistry _registry;
    private readonly JsonSerializerOptions _options;

    /// <summary>A serializer over <paramref name="registry"/> with the stored JSON shape.</summary>
    public EventSerializer(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = CreateOptions();
    }

    /// <summary>The manifests this serializer knows.</summary>
    public EventManifestRegistry Registry => _registry;

    /// <summary>The options every stored payload is written and read with.</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = false,
            IncludeFields = false,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serializes <paramref name="payload"/> under its type's manifest.</summary>
    /// <exception cref="EventSerializationException">The type has no registered manifest, or JSON refuses it.</exception>
    public SerializedPayload Serialize(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = payload.GetType();
        if (!_registry.TryGetManifest(type, out var manifest))
        {
            throw MissingManifest(type);
        }

        try
        {
            return new SerializedPayload(manifest, JsonSerializer.SerializeToUtf8Bytes(payload, type, _options));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EventSerializationException(
                $"Cannot serialize {type.FullName} (manifest '{manifest}'): {ex.Message} Events carry values only: strings, numbers, enums, lists and nested records.",
                ex);
        }
    }

    /// <summary>Reads a payload stored under <paramref name="manifest"/>.</summary>
    /// <exception cref="EventSerializationException">The manifest is unknown or the bytes do not match its type.</exception>
    public object Deserialize(string manifest, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_registry.TryGetType(manifest, out var type))
        {
            throw new EventSerializationException(
                $"Unknown manifest '{manifest}': no registered type declares [EventManifest(\"{manifest}\")]. A type stored under it was renamed or removed without keeping its manifest.");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type, _options)
                ?? throw new EventSerializationException($"Manifest '{manifest}' holds a JSON null instead of a {type.FullName}.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EventSerializationException($"Cannot read manifest '{manifest}' as {type.FullName}: {ex.Message}", ex);
        }
    }

    private static EventSerializationException MissingManifest(Type type)
    {
        var declared = type.GetCustomAttributes(typeof(EventManifestAttribute), inherit: false);
        return declared.Length > 0
            ? new EventSerializationException(
                $"Type {type.FullName} declares [EventManifest(\"{((EventManifestAttribute)declared[0]).Manifest}\")] but is not registered: add it (or its assembly) to the EventManifestRegistry, or its events could not be replayed.")
            : new EventSerializationException(
                $"Type {type.FullName} has no event manifest: add [EventManifest(\"...\")] with a stable name to it and register it; the journal never stores CLR type names.");
    }
}
