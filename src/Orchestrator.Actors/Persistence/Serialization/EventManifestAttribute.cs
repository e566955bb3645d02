namespace Orchestrator.Actors.Persistence.Serialization;

/// <summary>
/// The stable name an event or snapshot type is stored under, e.g.
/// <c>[EventManifest("container.rootfs-bound.v1")]</c>. The journal stores this name, never the
/// CLR type name, so renaming or moving the class does not break replay. A changed event shape
/// is a new type with a new manifest (<c>.v2</c>); a stored manifest is never reused.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class EventManifestAttribute : Attribute
{
    /// <summary>Declares <paramref name="manifest"/> as the type's stored name.</summary>
    public EventManifestAttribute(string manifest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        Manifest = manifest;
    }

    /// <summary>The stored name.</summary>
    public string Manifest { get; }
}
