using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Akka.NET's serializer for every event and snapshot type that carries an
/// <see cref="EventManifestAttribute"/>: the manifest column holds the stable name
/// (<c>resource.started.v1</c>), never a CLR type name, and the payload is the same System.Text.Json
/// bytes <see cref="EventSerializer"/> writes, so rows stored before the move onto Akka.NET read back
/// unchanged.
/// </summary>
public sealed class EventJsonSerializer : SerializerWithStringManifest
{
    /// <summary>
    /// The serializer id stored in every row's <c>identifier</c> column (and <c>serializer_id</c> of
    /// snapshots). Outside Akka's reserved 0–100; never change it, stored rows name it.
    /// </summary>
    public const int Id = 4711;

    private readonly EventSerializer _serializer;

    /// <summary>A serializer over <paramref name="registry"/>.</summary>
    public EventJsonSerializer(ExtendedActorSystem system, EventManifestRegistry registry)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _serializer = new EventSerializer(registry);
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>The manifests this serializer knows.</summary>
    public EventManifestRegistry Registry => _serializer.Registry;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => _serializer.Serialize(obj).Bytes;

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return _serializer.Registry.TryGetManifest(o.GetType(), out var manifest)
            ? manifest
            : _serializer.Serialize(o).Manifest;
    }

    /// <inheritdoc />
    /// <exception cref="SerializationException">The manifest is unknown or the bytes do not match its type.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return _serializer.Deserialize(manifest, bytes);
        }
        catch (EventSerializationException ex)
        {
            // Akka's journals and snapshot stores report SerializationException as a recovery
            // failure of the one actor; the message names the manifest so the operator sees which.
            throw new SerializationException(ex.Message, ex);
        }
    }
}
