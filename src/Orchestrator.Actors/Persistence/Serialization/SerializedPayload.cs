namespace Orchestrator.Actors.Persistence.Serialization;

/// <summary>An event or snapshot as stored: its manifest and its JSON as UTF-8 bytes.</summary>
public readonly record struct SerializedPayload(string Manifest, byte[] Bytes);
